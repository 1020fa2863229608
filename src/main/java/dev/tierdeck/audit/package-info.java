@NullMarked
package dev.tierdeck.audit;

import org.jspecify.annotations.NullMarked;
