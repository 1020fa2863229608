/** The developer's pages: "my namespaces" and the namespace overview. */
@NullMarked
package dev.tierdeck.policy.web;

import org.jspecify.annotations.NullMarked;
