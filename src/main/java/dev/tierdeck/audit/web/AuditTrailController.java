package dev.tierdeck.audit.web;

import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;
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
class AuditTrailController {

    static final String PATH = "/admin/audit";
    static final String EXPORT = "/api/v1/audit/export";

    private final AuditLog auditLog;
    private final Permissions permissions;

    AuditTrailController(AuditLog auditLog, Permissions permissions) {
        this.auditLog = auditLog;
        this.permissions = permissions;
    }

    @GetMapping
    String page(
            CurrentUser user, @ModelAttribute AuditFilterParameters filter, Model model, HttpServletResponse response) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        model.addAttribute("trail", trail(filter, response));
        return "audit/trail";
    }

    @HxRequest
    @GetMapping
    String results(
            CurrentUser user, @ModelAttribute AuditFilterParameters filter, Model model, HttpServletResponse response) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        AuditTrailView trail = trail(filter, response);
        model.addAttribute("trail", trail);
        // htmx swaps error responses into the layout's problem area, not into the results
        return trail.filterError() == null ? "audit/trail :: results" : "audit/trail :: filter-problem";
    }

    @GetMapping("/verify")
    String verifyPage(CurrentUser user, Model model, HttpServletResponse response) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        model.addAttribute("verification", auditLog.verify());
        model.addAttribute("trail", trail(AuditFilterParameters.none(), response));
        return "audit/trail";
    }

    @HxRequest
    @GetMapping("/verify")
    String verification(CurrentUser user, Model model) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
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
