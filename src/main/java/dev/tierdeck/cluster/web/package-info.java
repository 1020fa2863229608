@NullMarked
package dev.tierdeck.cluster.web;

import org.jspecify.annotations.NullMarked;
