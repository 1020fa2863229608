/**
 * Reading and writing cluster manifests as {@code kubectl get -o yaml} prints them: multi-document YAML or JSON,
 * {@code kind: List} wrappers, directories of {@code *.yaml}/{@code *.yml}. Decoding validates with Calico's rules
 * (calico-semantics §1.2–1.5, §3.4) and reports every problem with its source, document, field path and a message.
 */
@NullMarked
package dev.tierdeck.engine.manifest;

import org.jspecify.annotations.NullMarked;
