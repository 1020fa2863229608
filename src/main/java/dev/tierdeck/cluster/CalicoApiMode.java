package dev.tierdeck.cluster;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the cluster serves Calico's {@code projectcalico.org/v3} API (calico-semantics.md §1.1): through the
 * aggregated Calico API server, as native v3 CRDs (3.32+), or not at all.
 */
public enum CalicoApiMode {
    APISERVER,
    CRD,
    MISSING;

    @JsonValue
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
