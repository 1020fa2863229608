/** The REST API of the developer loop's policies: namespaces, drafts and versions. */
@NullMarked
package dev.tierdeck.policy.api;

import org.jspecify.annotations.NullMarked;
