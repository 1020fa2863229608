@NullMarked
package dev.tierdeck.cluster.demo;

import org.jspecify.annotations.NullMarked;
