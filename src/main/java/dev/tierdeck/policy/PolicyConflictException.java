package dev.tierdeck.policy;

/** The draft changed since the caller read it (or the name is taken); reload and try again. */
public class PolicyConflictException extends RuntimeException {

    public PolicyConflictException(String message) {
        super(message);
    }
}
