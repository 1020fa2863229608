/** The managed policies in PostgreSQL: drafts, their life cycle, and the promoted versions. */
@NullMarked
package dev.tierdeck.policy.store;

import org.jspecify.annotations.NullMarked;
