/**
 * The built-in demo identity provider: a Spring Authorization Server in its own application context and on its
 * own port, started by the portal only when no external issuer is configured. It is kept out of the portal's
 * component scan; the portal talks to it only over HTTP, like to any other OIDC issuer.
 */
@NullMarked
package dev.tierdeck.identity.demo;

import org.jspecify.annotations.NullMarked;
