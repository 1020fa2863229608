@NullMarked
package dev.tierdeck.cli;

import org.jspecify.annotations.NullMarked;
