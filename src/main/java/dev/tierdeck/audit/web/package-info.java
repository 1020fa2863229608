/** The audit screen and the audit REST API, for platform and security admins. */
@NullMarked
package dev.tierdeck.audit.web;

import org.jspecify.annotations.NullMarked;
