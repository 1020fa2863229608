/**
 * Stage → approve → promote, and back: a managed policy's draft is written to the cluster as its staged kind (as the
 * signed-in user), sent to an approver when a guardrail asks for one, promoted at most once per one-time key, kept as
 * numbered versions that can be compared and rolled back to, and deleted from the cluster. Screens: the policy page
 * ({@code /namespaces/{namespace}/policies/{name}}, {@code /global-policies/{name}}) with its actions, and the approval queue
 * ({@code /admin/approvals}); the same under {@code /api/v1}. Every route checks namespace ownership and tier
 * governance on the server. Nothing here is used by other modules.
 */
@NullMarked
package dev.tierdeck.promotion;

import org.jspecify.annotations.NullMarked;
