package dev.tierdeck.system;

/**
 * A setting the configured combination of settings cannot do without. Thrown at start-up by whatever notices
 * the gap (an external component configured by halves: a datasource URL without credentials, an issuer
 * without a client secret), it ends the start with one line that names the setting, with no stack trace and a
 * non-zero exit status.
 *
 * <p>Throw it from anywhere in the start-up: an {@code ApplicationContextInitializer}, a
 * {@code @ConfigurationProperties} record's constructor, a {@code @Bean} method. The failure analyzer finds it
 * however deeply Spring has wrapped it.
 */
public class MissingSettingException extends RuntimeException {

    private final String setting;
    private final String explanation;

    /**
     * @param setting the missing setting as an operator sets it, e.g.
     *     {@code "SPRING_DATASOURCE_USERNAME (spring.datasource.username)"}
     * @param explanation one sentence: why it is needed now, which other setting asked for it
     */
    public MissingSettingException(String setting, String explanation) {
        super("Missing setting " + setting + ": " + explanation);
        this.setting = setting;
        this.explanation = explanation;
    }

    public String setting() {
        return setting;
    }

    public String explanation() {
        return explanation;
    }
}
