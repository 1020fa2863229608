package dev.tierdeck.assertion;

import dev.tierdeck.engine.assertion.Assertion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The assertions in PostgreSQL, one row each. Writes join the caller's transaction (the use case records the audit
 * entry in the same one). A row whose definition the reader no longer accepts is kept but left out of every check,
 * rather than failing the pages that list assertions.
 */
@Component
class AssertionStore {

    private final JdbcClient jdbc;

    /** Grows with every write through this instance, so that results cached over the set know when to go. */
    private final AtomicLong writes = new AtomicLong();

    AssertionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredAssertion> all() {
        return jdbc
                .sql("select * from connectivity_assertion order by namespace nulls first, name")
                .query(AssertionStore::row)
                .list()
                .stream()
                .flatMap(Optional::stream)
                .toList();
    }

    Optional<StoredAssertion> find(long id) {
        return jdbc.sql("select * from connectivity_assertion where id = :id")
                .param("id", id)
                .query(AssertionStore::row)
                .optional()
                .flatMap(r -> r);
    }

    /** A fingerprint of the whole set (count, newest change, highest id), cheap enough to ask on every read. */
    String fingerprint() {
        return jdbc.sql("""
                        select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(revision), 0) || ':'
                               || coalesce(extract(epoch from max(updated_at)), 0)
                        from connectivity_assertion""").query(String.class).single() + ":" + writes.get();
    }

    /** Serializes changes to one scope until the transaction ends, so that its bound holds under concurrency. */
    void lockScope(@Nullable String namespace) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('connectivity_assertion:' || :scope))")
                .param("scope", namespace == null ? "" : namespace)
                .query((rs, row) -> 1)
                .list();
    }

    int count(@Nullable String namespace) {
        return jdbc.sql("select count(*) from connectivity_assertion where coalesce(namespace, '') = :scope")
                .param("scope", namespace == null ? "" : namespace)
                .query(Integer.class)
                .single();
    }

    int countAll() {
        return jdbc.sql("select count(*) from connectivity_assertion")
                .query(Integer.class)
                .single();
    }

    boolean nameTaken(@Nullable String namespace, String name, long exceptId) {
        return jdbc.sql("""
                        select count(*) from connectivity_assertion
                        where coalesce(namespace, '') = :scope and name = :name and id <> :id""")
                        .param("scope", namespace == null ? "" : namespace)
                        .param("name", name)
                        .param("id", exceptId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    long insert(@Nullable String namespace, String name, String definition, String by, Instant at) {
        writes.incrementAndGet();
        return jdbc.sql("""
                        insert into connectivity_assertion
                            (namespace, name, definition, revision, created_by, created_at, updated_by, updated_at)
                        values (:namespace, :name, :definition, 1, :by, :at, :by, :at)
                        returning id""")
                .param("namespace", namespace)
                .param("name", name)
                .param("definition", definition)
                .param("by", by)
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    /** @return whether the row was at {@code revision} and is now changed */
    boolean update(long id, int revision, String name, String definition, String by, Instant at) {
        writes.incrementAndGet();
        return jdbc.sql("""
                        update connectivity_assertion
                        set name = :name, definition = :definition, revision = revision + 1,
                            updated_by = :by, updated_at = :at
                        where id = :id and revision = :revision""")
                        .param("id", id)
                        .param("revision", revision)
                        .param("name", name)
                        .param("definition", definition)
                        .param("by", by)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    boolean delete(long id) {
        writes.incrementAndGet();
        return jdbc.sql("delete from connectivity_assertion where id = :id")
                        .param("id", id)
                        .update()
                == 1;
    }

    private static Optional<StoredAssertion> row(ResultSet rs, int row) throws SQLException {
        String definition = rs.getString("definition");
        Assertion assertion = AssertionInput.stored(definition);
        if (assertion == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredAssertion(
                rs.getLong("id"),
                rs.getString("namespace"),
                rs.getString("name"),
                definition,
                assertion,
                rs.getInt("revision"),
                rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant()));
    }
}
