/** The flow REST API and the flow browser. */
@NullMarked
package dev.tierdeck.flow.web;

import org.jspecify.annotations.NullMarked;
