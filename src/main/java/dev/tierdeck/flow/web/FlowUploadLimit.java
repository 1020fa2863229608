package dev.tierdeck.flow.web;

import dev.tierdeck.flow.FlowProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A multipart request over {@code spring.servlet.multipart.max-request-size} fails while the request is parsed,
 * before any controller is chosen, so only an advice without selectors sees it. The flow upload form gets its
 * page back with a message; every other caller a 413 problem instead of an error page. A multipart body that does not
 * parse at all (no boundary, cut short), sent to any route, is a 400 problem the same way.
 */
@ControllerAdvice
class FlowUploadLimit {

    // a provider: a global advice is loaded by every module's MVC test slice, where flow settings are absent
    private final ObjectProvider<FlowProperties> properties;

    FlowUploadLimit(ObjectProvider<FlowProperties> properties) {
        this.properties = properties;
    }

    /** The more specific {@link MaxUploadSizeExceededException} is answered by {@link #tooLarge} instead. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(MultipartException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "The request body is not a readable multipart/form-data upload (a boundary and complete parts are"
                        + " needed); send the content type the route takes.");
        problem.setTitle("Unreadable upload");
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<?> tooLarge(
            MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response) {
        FlowProperties settings = properties.getIfAvailable();
        long max = settings != null ? settings.importMaxSize().toBytes() : e.getMaxUploadSize();
        String page = request.getContextPath() + FlowSourcePageController.PATH;
        if (request.getRequestURI().startsWith(page)) {
            FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
            flash.put("uploadError", FlowSourcePageController.tooLarge(null, max));
            RequestContextUtils.saveOutputFlashMap(page, request, response);
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(URI.create(page))
                    .build();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                "the upload is larger than " + max + " bytes (tierdeck.flow.import-max-size)");
        problem.setTitle("Upload too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }
}
