package dev.tierdeck.identity;

/** An external identity provider is half configured; the portal refuses to start. */
final class IdentitySettingMissingException extends RuntimeException {

    private final String setting;

    IdentitySettingMissingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    String setting() {
        return setting;
    }
}
