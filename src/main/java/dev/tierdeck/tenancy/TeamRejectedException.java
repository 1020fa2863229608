package dev.tierdeck.tenancy;

import java.util.List;

/** A team Tierdeck refused to store, with every rejected field; nothing was written. */
public final class TeamRejectedException extends RuntimeException {

    private final List<TeamField> fields;

    public TeamRejectedException(List<TeamField> fields) {
        super(
                fields.size() == 1
                        ? "The field " + fields.get(0).field() + " is invalid: "
                                + fields.get(0).message()
                        : fields.size() + " fields are invalid.",
                null,
                false,
                false);
        this.fields = List.copyOf(fields);
    }

    public List<TeamField> fields() {
        return fields;
    }
}
