/** The client of Calico's Goldmane flow API (gRPC, mTLS), feeding the flow store. */
@NullMarked
package dev.tierdeck.flow.goldmane;

import org.jspecify.annotations.NullMarked;
