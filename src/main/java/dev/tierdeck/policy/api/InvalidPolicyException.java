package dev.tierdeck.policy.api;

import dev.tierdeck.policy.PolicyProblem;
import java.util.List;

/** A request the API refuses before anything is checked or saved: the body, the URL or a header is wrong. */
class InvalidPolicyException extends RuntimeException {

    private final List<PolicyProblem> problems;

    InvalidPolicyException(List<PolicyProblem> problems) {
        super(problems.getFirst().field() + ": " + problems.getFirst().message());
        this.problems = List.copyOf(problems);
    }

    static InvalidPolicyException of(String field, String message) {
        return new InvalidPolicyException(List.of(new PolicyProblem(field, message, null, true)));
    }

    List<PolicyProblem> problems() {
        return problems;
    }
}
