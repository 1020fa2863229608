package dev.tierdeck.assertion;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.CorrelationId;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stating, changing and removing assertions: who may is {@link Permissions}' answer for the assertion's scope, asked
 * before anything is read or written; a namespace's assertion must keep its source or its destination within
 * namespaces the author may state assertions for ({@link AssertionScopes}); each scope holds a bounded number; every
 * change is audited in the transaction that makes it, with the definition before and after.
 */
@Component
class Assertions {

    /** No assertion with that id (or none the caller may learn of). */
    static final class NotFound extends RuntimeException {
        NotFound(long id) {
            super("There is no assertion " + id + ".", null, false, false);
        }
    }

    /** Someone changed the assertion since the caller read it. */
    static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final AssertionStore store;
    private final Permissions permissions;
    private final AuditLog audit;
    private final AssertionProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Assertions(
            AssertionStore store,
            Permissions permissions,
            AuditLog audit,
            AssertionProperties properties,
            TransactionTemplate transaction,
            ObjectProvider<Clock> clock) {
        this.store = store;
        this.permissions = permissions;
        this.audit = audit;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The assertions {@code user} may read, global ones first, then by namespace and name. */
    List<StoredAssertion> readable(CurrentUser user) {
        return store.all().stream().filter(a -> mayRead(user, a)).toList();
    }

    boolean mayRead(CurrentUser user, StoredAssertion a) {
        return permissions.allows(user, Action.READ, Resource.assertion(a.namespace()));
    }

    boolean mayChange(CurrentUser user, @Nullable String namespace) {
        return permissions.allows(user, Action.EDIT, Resource.assertion(namespace));
    }

    /** @throws org.springframework.security.access.AccessDeniedException when the caller may not read it */
    StoredAssertion get(CurrentUser user, long id) {
        StoredAssertion a = store.find(id).orElseThrow(() -> new NotFound(id));
        permissions.require(user, Action.READ, Resource.assertion(a.namespace()));
        return a;
    }

    StoredAssertion create(CurrentUser user, @Nullable String namespace, AssertionInput.Read read) {
        checkNamespace(namespace);
        permissions.require(user, Action.EDIT, Resource.assertion(namespace));
        checkWithin(user, namespace, read);
        long id = Objects.requireNonNull(transaction.execute(status -> {
            store.lockScope(namespace);
            checkBounds(namespace, 1);
            String name = read.assertion().name();
            if (store.nameTaken(namespace, name, -1)) {
                throw taken(namespace, name);
            }
            long created = store.insert(namespace, name, read.definition(), author(user), clock.instant());
            record(user, "assertion.created", namespace, name, null, read.definition());
            return created;
        }));
        return store.find(id).orElseThrow(() -> new NotFound(id));
    }

    /**
     * Replaces the assertion's definition; the scope stays. {@code revision}, when given, must be the one the caller
     * read.
     */
    StoredAssertion update(CurrentUser user, long id, @Nullable Integer revision, AssertionInput.Read read) {
        StoredAssertion before = store.find(id).orElseThrow(() -> new NotFound(id));
        permissions.require(user, Action.READ, Resource.assertion(before.namespace()));
        permissions.require(user, Action.EDIT, Resource.assertion(before.namespace()));
        checkWithin(user, before.namespace(), read);
        if (revision != null && revision != before.revision()) {
            throw new Conflict("The assertion " + before.name() + " is at revision " + before.revision() + ", not "
                    + revision + ": someone changed it; read it again.");
        }
        transaction.executeWithoutResult(status -> {
            store.lockScope(before.namespace());
            String name = read.assertion().name();
            if (store.nameTaken(before.namespace(), name, id)) {
                throw taken(before.namespace(), name);
            }
            if (!store.update(id, before.revision(), name, read.definition(), author(user), clock.instant())) {
                throw new Conflict("The assertion " + before.name() + " changed or went while it was being saved;"
                        + " read it again.");
            }
            record(user, "assertion.updated", before.namespace(), name, before.definition(), read.definition());
        });
        return store.find(id).orElseThrow(() -> new NotFound(id));
    }

    void delete(CurrentUser user, long id) {
        StoredAssertion before = store.find(id).orElseThrow(() -> new NotFound(id));
        permissions.require(user, Action.READ, Resource.assertion(before.namespace()));
        permissions.require(user, Action.WITHDRAW, Resource.assertion(before.namespace()));
        transaction.executeWithoutResult(status -> {
            if (!store.delete(id)) {
                throw new NotFound(id);
            }
            record(user, "assertion.deleted", before.namespace(), before.name(), before.definition(), null);
        });
    }

    /**
     * Makes the scope hold exactly the assertions of a file (the file the command line reads): assertions of the
     * same name are changed where their definition differs, new ones added, the others removed; each change gets its
     * own audit record, all in one transaction.
     *
     * @return how many were added, changed, removed and left as they were
     */
    Replaced replace(CurrentUser user, @Nullable String namespace, List<AssertionInput.Read> reads) {
        checkNamespace(namespace);
        permissions.require(user, Action.EDIT, Resource.assertion(namespace));
        List<InvalidAssertionException.FieldError> outside = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            try {
                checkWithin(user, namespace, reads.get(i));
            } catch (InvalidAssertionException e) {
                String at = "[" + i + "]";
                e.errors()
                        .forEach(f -> outside.add(
                                new InvalidAssertionException.FieldError(at + "." + f.field(), f.message(), 0)));
            }
        }
        if (!outside.isEmpty()) {
            throw new InvalidAssertionException(outside);
        }
        if (reads.size() > properties.maxPerScope()) {
            throw InvalidAssertionException.of(
                    "", "more than " + properties.maxPerScope() + " assertions for one scope");
        }
        return Objects.requireNonNull(transaction.execute(status -> {
            store.lockScope(namespace);
            List<StoredAssertion> current = store.all().stream()
                    .filter(a -> Objects.equals(a.namespace(), namespace))
                    .toList();
            checkBounds(namespace, reads.size() - current.size());
            int added = 0;
            int changed = 0;
            int same = 0;
            Set<String> kept = new HashSet<>();
            for (AssertionInput.Read read : reads) {
                String name = read.assertion().name();
                kept.add(name);
                StoredAssertion old = current.stream()
                        .filter(a -> a.name().equals(name))
                        .findFirst()
                        .orElse(null);
                if (old == null) {
                    store.insert(namespace, name, read.definition(), author(user), clock.instant());
                    record(user, "assertion.created", namespace, name, null, read.definition());
                    added++;
                } else if (!old.definition().equals(read.definition())) {
                    if (!store.update(
                            old.id(), old.revision(), name, read.definition(), author(user), clock.instant())) {
                        throw new Conflict("The assertion " + name + " changed while the file was being saved.");
                    }
                    record(user, "assertion.updated", namespace, name, old.definition(), read.definition());
                    changed++;
                } else {
                    same++;
                }
            }
            int removed = 0;
            for (StoredAssertion old : current) {
                if (!kept.contains(old.name())) {
                    store.delete(old.id());
                    record(user, "assertion.deleted", namespace, old.name(), old.definition(), null);
                    removed++;
                }
            }
            return new Replaced(added, changed, removed, same);
        }));
    }

    record Replaced(int added, int changed, int removed, int unchanged) {}

    private void checkNamespace(@Nullable String namespace) {
        if (namespace != null && !NAMESPACE.matcher(namespace).matches()) {
            throw InvalidAssertionException.of(
                    "namespace",
                    "'" + namespace + "' is not a namespace name (lowercase letters, digits and '-', at most 63);"
                            + " leave it out for a global assertion.");
        }
    }

    /** A namespace's assertion speaks about traffic to or from the namespace (and namespaces of the same author). */
    private void checkWithin(CurrentUser user, @Nullable String namespace, AssertionInput.Read read) {
        if (namespace == null) {
            return;
        }
        if (!AssertionScopes.within(read.assertion(), namespace, n -> mayChange(user, n))) {
            throw InvalidAssertionException.of(
                    "namespace",
                    "An assertion of the namespace " + namespace + " needs its source or its destination within it:"
                            + " give that side namespaceSelector: projectcalico.org/name == '" + namespace + "'"
                            + " (or name only namespaces you may state assertions for with 'in').");
        }
    }

    private void checkBounds(@Nullable String namespace, int adding) {
        if (adding <= 0) {
            return;
        }
        if (store.count(namespace) + adding > properties.maxPerScope()) {
            throw InvalidAssertionException.of(
                    "namespace",
                    (namespace == null ? "The global scope" : "The namespace " + namespace) + " already holds "
                            + store.count(namespace) + " assertions; at most " + properties.maxPerScope()
                            + " are kept per scope.");
        }
        if (store.countAll() + adding > properties.maxTotal()) {
            throw InvalidAssertionException.of(
                    "",
                    "The portal already holds " + store.countAll() + " assertions; at most " + properties.maxTotal()
                            + " are checked against every change.");
        }
    }

    private static InvalidAssertionException taken(@Nullable String namespace, String name) {
        return InvalidAssertionException.of(
                "name",
                "is already the name of an assertion "
                        + (namespace == null ? "of the global scope" : "of the namespace " + namespace) + ".");
    }

    private void record(
            CurrentUser user,
            String action,
            @Nullable String namespace,
            String name,
            @Nullable String before,
            @Nullable String after) {
        audit.record(AuditEntry.builder(Actor.of(user), action)
                .target("ConnectivityAssertion", namespace, name)
                .change(before, after)
                .correlationId(CorrelationId.current().orElse(null))
                .build());
    }

    private static String author(CurrentUser user) {
        return user.displayName() + " (" + user.username() + ")";
    }
}
