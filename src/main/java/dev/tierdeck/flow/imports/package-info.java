/** Importing flow files: Goldmane/Whisker {@code FlowResponse} JSON and the flows JSONL of the CLI contract. */
@NullMarked
package dev.tierdeck.flow.imports;

import org.jspecify.annotations.NullMarked;
