/** PostgreSQL storage of the flow history: day partitions, batched upserts, retention. */
@NullMarked
package dev.tierdeck.flow.store;

import org.jspecify.annotations.NullMarked;
