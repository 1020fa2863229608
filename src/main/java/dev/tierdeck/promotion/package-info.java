@NullMarked
package dev.tierdeck.promotion;

import org.jspecify.annotations.NullMarked;
