package dev.tierdeck.flow.imports;

import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.format.FlowImportException;
import dev.tierdeck.flow.format.ImportProblem;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/flows/import}: a flow file as a multipart upload (part {@code file}) or as the raw request
 * body. 200 with the counts; 400 when the file is not JSON of a known shape, 422 when flows fail validation,
 * 413 when it is larger than {@code tierdeck.flow.import-max-size}; problems name their line.
 */
@RestController
@RequestMapping("/api/v1/flows/import")
class FlowImportController {

    private final FlowImport flowImport;
    private final FlowProperties properties;
    private final Permissions permissions;

    FlowImportController(FlowImport flowImport, FlowProperties properties, Permissions permissions) {
        this.flowImport = flowImport;
        this.properties = properties;
        this.permissions = permissions;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    FlowImport.Result upload(CurrentUser user, @RequestPart("file") MultipartFile file) throws IOException {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        try (InputStream in = file.getInputStream()) {
            String name = file.getOriginalFilename();
            return flowImport.importFile(
                    user, "API upload " + (name == null || name.isBlank() ? "(unnamed)" : name), read(in));
        }
    }

    @PostMapping
    FlowImport.Result body(CurrentUser user, InputStream body) throws IOException {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return flowImport.importFile(user, "API request body", read(body));
    }

    private byte[] read(InputStream in) throws IOException {
        long max = properties.importMaxSize().toBytes();
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (content.length > max) {
            throw new TooLarge(max);
        }
        return content;
    }

    static final class TooLarge extends RuntimeException {
        TooLarge(long max) {
            super("the flow file is larger than " + max + " bytes (tierdeck.flow.import-max-size)");
        }
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(FlowImportException e) {
        HttpStatus status = e.unreadable() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.unreadable() ? "Unreadable flow file" : "Invalid flows");
        problem.setType(URI.create("urn:tierdeck:problem:flow-import"));
        List<ImportProblem> problems = e.problems();
        problem.setProperty(
                "problems", problems.stream().map(ImportProblem::toString).toList());
        problem.setProperty("line", problems.getFirst().line());
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(TooLarge e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Flow file too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }
}
