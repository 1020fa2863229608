package dev.tierdeck.promotion;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the promotion screens share: times written one way (UTC), and a refusal that leaves no page to return to (an
 * unknown policy or request) shown as the portal's error page.
 */
@ControllerAdvice(assignableTypes = {PolicyPages.class, PromotionActions.class, ApprovalPages.class})
class PromotionPageAdvice {

    /** Formats instants for the templates. */
    static final class Times {
        public String format(@Nullable Instant instant) {
            return instant == null ? "" : PromotionActions.TIME.format(instant);
        }
    }

    private static final Times TIMES = new Times();

    @ModelAttribute("times")
    Times times() {
        return TIMES;
    }

    @ExceptionHandler(PromotionProblem.class)
    void problem(PromotionProblem problem, HttpServletResponse response) throws IOException {
        response.sendError(problem.status().value());
    }
}
