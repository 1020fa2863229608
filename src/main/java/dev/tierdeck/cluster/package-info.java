@NullMarked
package dev.tierdeck.cluster;

import org.jspecify.annotations.NullMarked;
