@NullMarked
package dev.tierdeck.identity;

import org.jspecify.annotations.NullMarked;
