package dev.tierdeck.flow.format;

import java.util.List;

/**
 * A file that cannot be imported. {@code unreadable}: the file is not JSON of a known shape at all (the whole
 * file is rejected before any flow is looked at); otherwise individual flows failed validation.
 */
public class FlowImportException extends RuntimeException {

    private final List<ImportProblem> problems;
    private final boolean unreadable;

    FlowImportException(List<ImportProblem> problems, boolean unreadable) {
        super(problems.isEmpty() ? "invalid flow file" : problems.getFirst().toString());
        this.problems = List.copyOf(problems);
        this.unreadable = unreadable;
    }

    public List<ImportProblem> problems() {
        return problems;
    }

    public boolean unreadable() {
        return unreadable;
    }
}
