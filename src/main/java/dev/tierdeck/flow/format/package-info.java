/**
 * Flow files: Goldmane/Whisker {@code FlowResponse} JSON and the flows JSONL of the CLI contract, read and
 * validated with line numbers. Plain Java (no Spring), so the command line validates a file exactly as the
 * portal's import does.
 */
@NullMarked
@NamedInterface("format")
package dev.tierdeck.flow.format;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
