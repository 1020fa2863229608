package dev.tierdeck.promotion;

import dev.tierdeck.policy.DamagedPolicyException;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.system.FlashMessage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

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

    /** A damaged policy has no page: back to the list that shows it, with the reason and its delete button. */
    @ExceptionHandler(DamagedPolicyException.class)
    String damaged(DamagedPolicyException e, HttpServletRequest request) {
        RequestContextUtils.getOutputFlashMap(request).put(FlashMessage.ATTRIBUTE, FlashMessage.error(e.getMessage()));
        PolicyRef ref = e.damaged().ref();
        return "redirect:" + (ref.isGlobal() ? "/admin/tiers" : PolicyPaths.namespace(ref.namespace()));
    }

    @ExceptionHandler(PromotionProblem.class)
    void problem(PromotionProblem problem, HttpServletResponse response) throws IOException {
        response.sendError(problem.status().value());
    }
}
