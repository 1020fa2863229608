/** Checks of free text shared by every input of the portal: length bounds and unwanted characters. */
@NullMarked
package dev.tierdeck.engine.text;

import org.jspecify.annotations.NullMarked;
