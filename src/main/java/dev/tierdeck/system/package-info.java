@NullMarked
package dev.tierdeck.system;

import org.jspecify.annotations.NullMarked;
