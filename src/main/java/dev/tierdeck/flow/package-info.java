@NullMarked
package dev.tierdeck.flow;

import org.jspecify.annotations.NullMarked;
