@NullMarked
package dev.tierdeck.tenancy;

import org.jspecify.annotations.NullMarked;
