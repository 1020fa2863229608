package dev.tierdeck.flow.web;

import dev.tierdeck.flow.FlowHistory;
import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowSource;
import dev.tierdeck.flow.format.FlowImportException;
import dev.tierdeck.flow.imports.FlowImport;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/flow-source}: the configured flow source and its health, the extent of the stored history, and
 * an upload form for flow files. The upload is a plain multipart form: a stored file redirects back with the
 * counts (post/redirect/get); a rejected file is answered with the page and its line-numbered problems.
 */
@Controller
class FlowSourcePageController {

    static final String PATH = "/admin/flow-source";

    private final List<FlowSource> sources;
    private final FlowHistory history;
    private final FlowImport flowImport;
    private final FlowProperties properties;
    private final Permissions permissions;

    FlowSourcePageController(
            List<FlowSource> sources,
            FlowHistory history,
            FlowImport flowImport,
            FlowProperties properties,
            Permissions permissions) {
        this.sources = sources;
        this.history = history;
        this.flowImport = flowImport;
        this.properties = properties;
        this.permissions = permissions;
    }

    @GetMapping(PATH)
    String page(CurrentUser user, Model model) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        fill(model);
        return "flows/source";
    }

    @PostMapping(PATH + "/import")
    String upload(
            CurrentUser user,
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response)
            throws IOException {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        if (file == null || file.isEmpty()) {
            return rejected(model, response, "Choose a flow file to import.", List.of());
        }
        long max = properties.importMaxSize().toBytes();
        if (file.getSize() > max) {
            return rejected(model, response, tooLarge(file.getOriginalFilename(), max), List.of());
        }
        byte[] content;
        try (InputStream in = file.getInputStream()) {
            content = in.readAllBytes();
        }
        FlowImport.Result result;
        try {
            String name = file.getOriginalFilename();
            result = flowImport.importFile(
                    user, "upload " + (name == null || name.isBlank() ? "(unnamed)" : name), content);
        } catch (FlowImportException e) {
            String what = e.unreadable() ? "could not be read" : "has invalid flows";
            return rejected(
                    model,
                    response,
                    name(file.getOriginalFilename()) + " " + what + "; nothing was imported.",
                    e.problems().stream().map(Object::toString).toList());
        }
        redirect.addFlashAttribute("imported", imported(file.getOriginalFilename(), result));
        return "redirect:" + PATH;
    }

    static String imported(@Nullable String filename, FlowImport.Result result) {
        String text = name(filename) + ": " + result.flows() + (result.flows() == 1 ? " flow" : " flows") + " read, "
                + result.imported() + " imported";
        return result.skipped() == 0
                ? text + "."
                : text + ", " + result.skipped() + " older than the retention skipped.";
    }

    static String tooLarge(@Nullable String filename, long max) {
        return name(filename) + " is larger than the import limit of " + (max / (1024 * 1024))
                + " MB (tierdeck.flow.import-max-size); nothing was imported.";
    }

    private static String name(@Nullable String filename) {
        return filename == null || filename.isBlank() ? "The file" : filename;
    }

    private String rejected(Model model, HttpServletResponse response, String error, List<String> problems) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("uploadError", error);
        model.addAttribute("problems", problems);
        fill(model);
        return "flows/source";
    }

    private void fill(Model model) {
        model.addAttribute("statuses", sources.stream().map(FlowSource::status).toList());
        model.addAttribute("goldmane", properties.goldmane());
        model.addAttribute("demoFeed", properties.demoFeed());
        model.addAttribute("retentionDays", properties.retention().toDays());
        model.addAttribute("bucket", properties.bucket());
        model.addAttribute("importMaxMb", properties.importMaxSize().toMegabytes());
        model.addAttribute("extent", history.extent());
    }
}
