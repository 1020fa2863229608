/**
 * What a namespace looks like to the people who work in it: which namespaces a user may see and change, its
 * workloads, the policies of every tier that apply to them, its coverage and its recently denied flows. Shared by
 * the pages and the REST API.
 */
@NullMarked
package dev.tierdeck.policy.namespace;

import org.jspecify.annotations.NullMarked;
