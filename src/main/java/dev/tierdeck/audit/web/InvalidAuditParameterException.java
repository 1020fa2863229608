package dev.tierdeck.audit.web;

/** A filter or option of an audit request that cannot be used; names the request parameter. */
final class InvalidAuditParameterException extends RuntimeException {

    private final String parameter;

    InvalidAuditParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
