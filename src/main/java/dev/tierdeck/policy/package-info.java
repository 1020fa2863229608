@NullMarked
package dev.tierdeck.policy;

import org.jspecify.annotations.NullMarked;
