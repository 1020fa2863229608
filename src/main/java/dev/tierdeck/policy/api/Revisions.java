package dev.tierdeck.policy.api;

import org.jspecify.annotations.Nullable;

/** A draft's revision as an entity tag: {@code "3"} in ETag, and {@code "3"}, {@code W/"3"} or {@code 3} in If-Match. */
final class Revisions {

    private Revisions() {}

    static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /**
     * @return null when the header is absent (create)
     * @throws InvalidPolicyException when it is not one revision number
     */
    static @Nullable Long fromIfMatch(@Nullable String header) {
        if (header == null) {
            return null;
        }
        String text = header.trim();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        if (!text.matches("[1-9][0-9]{0,17}")) {
            throw InvalidPolicyException.of(
                    "If-Match",
                    "If-Match must be the revision the change is based on (the ETag of the policy, e.g. \"3\"), not "
                            + header + ".");
        }
        return Long.parseLong(text);
    }
}
