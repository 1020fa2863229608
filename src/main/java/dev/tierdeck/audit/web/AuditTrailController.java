package dev.tierdeck.audit.web;

import dev.tierdeck.audit.AuditLog;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The audit screen: filters, the records page by page with their before/after diff, chain verification and
 * export links. Everything is a GET (reading the trail changes nothing) and works without JavaScript; htmx
 * requests get only the part they replace.
 */
@Controller
@RequestMapping(AuditTrailController.PATH)
@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','SECURITY_ADMIN')")
class AuditTrailController {

    static final String PATH = "/admin/audit";
    static final String EXPORT = "/api/v1/audit/export";

    private final AuditLog auditLog;

    AuditTrailController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping
    String page(@ModelAttribute AuditFilterParameters filter, Model model, HttpServletResponse response) {
        model.addAttribute("trail", trail(filter, response));
        return "audit/trail";
    }

    @HxRequest
    @GetMapping
    String results(@ModelAttribute AuditFilterParameters filter, Model model, HttpServletResponse response) {
        AuditTrailView trail = trail(filter, response);
        model.addAttribute("trail", trail);
        // htmx swaps error responses into the layout's problem area, not into the results
        return trail.filterError() == null ? "audit/trail :: results" : "audit/trail :: filter-problem";
    }

    @GetMapping("/verify")
    String verifyPage(Model model, HttpServletResponse response) {
        model.addAttribute("verification", auditLog.verify());
        model.addAttribute("trail", trail(AuditFilterParameters.none(), response));
        return "audit/trail";
    }

    @HxRequest
    @GetMapping("/verify")
    String verification(Model model) {
        model.addAttribute("verification", auditLog.verify());
        return "audit/trail :: verification";
    }

    private AuditTrailView trail(AuditFilterParameters filter, HttpServletResponse response) {
        try {
            return AuditTrailView.of(filter, auditLog.find(filter.toQuery(), filter.pageNumber()));
        } catch (InvalidAuditParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return AuditTrailView.rejected(filter, e);
        }
    }
}
