package dev.tierdeck.audit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.audit.AuditPage;
import dev.tierdeck.audit.AuditRecord;
import dev.tierdeck.audit.ChainVerification;
import dev.tierdeck.audit.ExportFormat;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for admins and their tools: list with filters, verify the chain, export. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The append-only, hash-chained record of every change (admins only)")
class AuditApiController {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final AuditLog auditLog;
    private final Permissions permissions;
    private final Clock clock;

    @Autowired
    AuditApiController(AuditLog auditLog, Permissions permissions) {
        this(auditLog, permissions, Clock.systemUTC());
    }

    AuditApiController(AuditLog auditLog, Permissions permissions, Clock clock) {
        this.auditLog = auditLog;
        this.permissions = permissions;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Audit records matching the filters, newest first, one page at a time")
    @ApiResponse(responseCode = "200", description = "The page")
    @ApiResponse(responseCode = "400", description = "A filter value cannot be used; the problem names the parameter")
    @ApiResponse(responseCode = "403", description = "Not a platform or security admin")
    AuditPageResponse list(CurrentUser user, @ParameterObject @ModelAttribute AuditFilterParameters filter) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return AuditPageResponse.of(auditLog.find(filter.toQuery(), filter.pageNumber()));
    }

    @GetMapping("/verify")
    @Operation(
            summary = "Recompute the hash chain",
            description = "{\"ok\":true,\"records\":N} when every record holds, otherwise {\"ok\":false,"
                    + "\"firstBrokenId\":id,\"problem\":\"...\"}")
    @ApiResponse(responseCode = "200", description = "The outcome, broken or not")
    @ApiResponse(responseCode = "403", description = "Not a platform or security admin")
    VerifyResponse verify(CurrentUser user) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return VerifyResponse.of(auditLog.verify());
    }

    @GetMapping("/export")
    @Operation(
            summary = "Download the records matching the filters, oldest first",
            description = "CSV (RFC 4180, cells that would run as spreadsheet formulas get a leading apostrophe) or"
                    + " a JSON array with every field as stored, from which the hashes can be recomputed")
    @ApiResponse(responseCode = "200", description = "The file, as an attachment")
    @ApiResponse(responseCode = "400", description = "An unknown format or a filter value that cannot be used")
    @ApiResponse(responseCode = "403", description = "Not a platform or security admin")
    void export(
            CurrentUser user,
            @ParameterObject @ModelAttribute AuditFilterParameters filter,
            @Parameter(description = "csv (default) or json") @RequestParam(defaultValue = "csv") String format,
            HttpServletResponse response)
            throws IOException {
        permissions.require(user, Action.EXPORT, exportScope(filter));
        ExportFormat exportFormat = ExportFormat.parse(format)
                .orElseThrow(() -> new InvalidAuditParameterException(
                        "format",
                        "'" + (format.length() > 20 ? format.substring(0, 20) + "…" : format)
                                + "' is not an export format; use csv or json"));
        var query = filter.toQuery();
        String fileName = "tierdeck-audit-" + FILE_TIME.format(LocalDateTime.now(clock.withZone(ZoneOffset.UTC))) + "."
                + exportFormat.extension();
        response.setContentType(exportFormat.mediaType() + ";charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName).build().toString());
        auditLog.export(query, exportFormat, response.getOutputStream());
    }

    /** What an export takes out: one namespace's or one tier's records, or the whole trail. */
    private static Resource exportScope(AuditFilterParameters filter) {
        if (filter.namespace() != null && !filter.namespace().isBlank()) {
            return Resource.namespace(filter.namespace().trim());
        }
        if (filter.tier() != null && !filter.tier().isBlank()) {
            return Resource.tier(filter.tier().trim());
        }
        return Resource.PORTAL;
    }

    /** A page of records with what a client needs to ask for the next one. */
    record AuditPageResponse(List<AuditRecord> records, int page, int size, long total, boolean hasNext) {
        static AuditPageResponse of(AuditPage page) {
            return new AuditPageResponse(page.records(), page.page(), page.size(), page.total(), page.hasNext());
        }
    }

    /** {@code {"ok":true,"records":N}} or {@code {"ok":false,"firstBrokenId":...,"problem":...}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VerifyResponse(
            boolean ok,
            @Nullable Long records,
            @Nullable Long firstBrokenId,
            @Nullable String problem) {
        static VerifyResponse of(ChainVerification verification) {
            return verification.ok()
                    ? new VerifyResponse(true, verification.records(), null, null)
                    : new VerifyResponse(false, null, verification.firstBrokenId(), verification.problem());
        }
    }
}
