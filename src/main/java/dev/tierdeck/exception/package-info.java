/**
 * Exceptions with an expiry: a developer whose flow is denied by a tier they may not change asks its owners to let
 * that flow (or a generalisation of it) through for a while; an owner grants it, as a dedicated policy written in the
 * tier as the approving admin, or rejects it; the portal takes the policy back when the exception expires or is
 * revoked, on the leader replica, retrying until the cluster confirms.
 *
 * <p>Screens under {@code /exceptions}, the API under {@code /api/v1/exceptions}. For other modules (the notification
 * hook of continuous verification, say) it publishes Spring application events: {@link
 * dev.tierdeck.exception.ExceptionGranted}, {@link dev.tierdeck.exception.ExceptionExpiring} and {@link
 * dev.tierdeck.exception.ExceptionExpired}.
 */
@NullMarked
package dev.tierdeck.exception;

import org.jspecify.annotations.NullMarked;
