@NullMarked
package dev.tierdeck.preview;

import org.jspecify.annotations.NullMarked;
