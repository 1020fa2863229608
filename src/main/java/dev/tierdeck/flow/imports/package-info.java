/** Importing flow files into the stored history: {@code POST /api/v1/flows/import}, read by {@link dev.tierdeck.flow.format.FlowFiles}. */
@NullMarked
package dev.tierdeck.flow.imports;

import org.jspecify.annotations.NullMarked;
