/** Generated traffic for the demo cluster, with verdicts computed by the engine on the cluster's current state. */
@NullMarked
package dev.tierdeck.flow.demo;

import org.jspecify.annotations.NullMarked;
