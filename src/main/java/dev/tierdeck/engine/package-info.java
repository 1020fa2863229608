@NullMarked
package dev.tierdeck.engine;

import org.jspecify.annotations.NullMarked;
