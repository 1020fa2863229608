package dev.tierdeck.promotion;

import dev.tierdeck.policy.PolicyProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A stage, promotion, approval, rollback or deletion that was refused; nothing was changed. */
class PromotionProblem extends RuntimeException {

    private final HttpStatus status;
    private final List<PolicyProblem> problems;

    PromotionProblem(HttpStatus status, String message) {
        this(status, message, List.of());
    }

    PromotionProblem(HttpStatus status, String message, List<PolicyProblem> problems) {
        super(message, null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    static PromotionProblem notFound(Object what) {
        return new PromotionProblem(HttpStatus.NOT_FOUND, "There is no managed policy " + what + ".");
    }

    HttpStatus status() {
        return status;
    }

    /** The checks' findings that stopped it, each naming its field. */
    List<PolicyProblem> problems() {
        return problems;
    }
}
