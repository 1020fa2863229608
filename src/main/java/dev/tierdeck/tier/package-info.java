@NullMarked
package dev.tierdeck.tier;

import org.jspecify.annotations.NullMarked;
