package dev.tierdeck.system.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/** Two requests of one session racing (a double submit), each adding the same attribute, both succeed. */
@SpringBootTest
class SessionRaceTest {

    @Autowired
    JdbcIndexedSessionRepository repository;

    @Test
    void twoRequestsAddingTheSameAttributeToOneSessionBothSave() throws Exception {
        @SuppressWarnings("unchecked")
        SessionRepository<Session> sessions = (SessionRepository<Session>) (SessionRepository<?>) repository;
        Session session = sessions.createSession();
        sessions.save(session);
        String id = session.getId();
        CountDownLatch bothLoaded = new CountDownLatch(2);
        Callable<String> request = () -> {
            Session mine = sessions.findById(id);
            bothLoaded.countDown();
            bothLoaded.await();
            String token = java.util.UUID.randomUUID().toString();
            mine.setAttribute("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN", token);
            sessions.save(mine);
            return token;
        };

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> saved = threads.invokeAll(List.of(request, request));
            List<String> tokens = List.of(saved.get(0).get(), saved.get(1).get());

            Object stored = sessions.findById(id)
                    .getAttribute("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN");
            assertThat(tokens).contains((String) stored);
        } finally {
            threads.shutdownNow();
        }
    }
}
