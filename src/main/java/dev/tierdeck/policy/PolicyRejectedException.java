package dev.tierdeck.policy;

import java.util.List;

/** A change was refused because of blocking problems; nothing was saved. */
public class PolicyRejectedException extends RuntimeException {

    private final List<PolicyProblem> problems;

    public PolicyRejectedException(List<PolicyProblem> problems) {
        super(
                problems.isEmpty()
                        ? "policy rejected"
                        : problems.getFirst().field() + ": "
                                + problems.getFirst().message());
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
