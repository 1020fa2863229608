/**
 * Background work on one replica at a time: {@link dev.tierdeck.system.leader.LeaderLock}.
 */
@NullMarked
@NamedInterface("leader")
package dev.tierdeck.system.leader;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
