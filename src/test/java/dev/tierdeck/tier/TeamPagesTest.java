package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.Teams;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@AdminConsoleTest
class TeamPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Teams teams;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void backToTheDemoTeams() {
        jdbc.sql("delete from team where name not in ('payments', 'catalog')").update();
        teams.update(
                new Team(
                        "payments",
                        "",
                        List.of("team-payments"),
                        List.of("payments", "checkout"),
                        List.of("tierdeck-security-admins")),
                "test");
    }

    @Test
    void listsEveryTeamWithWhatItOwnsNow() throws Exception {
        mvc.perform(get("/admin/teams").with(Users.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("<title>Teams · Tierdeck</title>"),
                                containsString("team-payments"),
                                containsString("checkout"),
                                containsString("tierdeck-security-admins"),
                                containsString("href=\"/admin/teams/access?namespace=catalog\""))));
    }

    @Test
    void anHtmxRequestGetsOnlyTheContent() throws Exception {
        mvc.perform(get("/admin/teams").with(Users.SECURITY.session()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"teams\""), not(containsString("<html")))));
        mvc.perform(get("/admin/teams/payments/edit")
                        .with(Users.SECURITY.session())
                        .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"team-form\""), not(containsString("<html")))));
    }

    @Test
    void createsATeamAndRecordsItInTheAuditTrail() throws Exception {
        mvc.perform(post("/admin/teams")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .param("name", "docs")
                        .param("description", "Documentation team")
                        .param("groups", "team-docs")
                        .param("namespacePatterns", "docs-*\ndocs")
                        .param("approverGroups", "")
                        .param("comment", "new team"))
                .andExpect(redirectedUrl("/admin/teams"))
                .andExpect(flash().attributeExists("flash"));

        assertThat(teams.find("docs").orElseThrow().namespacePatterns()).containsExactly("docs-*", "docs");
        assertThat(jdbc.sql("select reason || '|' || after_yaml from audit_record where action = 'team.created'"
                                + " and target_name = 'docs' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .startsWith("new team|")
                .contains("docs-*");
    }

    @Test
    void withHtmxASavedTeamAnswersWithARedirectHeader() throws Exception {
        mvc.perform(post("/admin/teams/payments")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .header("HX-Request", "true")
                        .param("groups", "team-payments")
                        .param("namespacePatterns", "payments\ncat*"))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Redirect", "/admin/teams"));

        assertThat(teams.find("payments").orElseThrow().namespacePatterns()).containsExactly("payments", "cat*");
        assertThat(jdbc.sql("select before_yaml || after_yaml from audit_record where action = 'team.updated'"
                                + " order by id desc limit 1")
                        .query(String.class)
                        .single())
                .contains("checkout", "cat*");
    }

    @Test
    void badInputIsNamedAtTheFieldAndNothingIsSaved() throws Exception {
        mvc.perform(post("/admin/teams")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .param("name", "catalog")
                        .param("groups", "")
                        .param("namespacePatterns", "catalog\nCat<script>"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(allOf(
                                containsString("A team needs at least one group"),
                                containsString("Entry 2: &#39;Cat&lt;script&gt;&#39; has the character &#39;C&#39;"),
                                not(containsString("<script>")))));
        mvc.perform(post("/admin/teams")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .header("HX-Request", "true")
                        .param("name", "catalog")
                        .param("groups", "team-catalog")
                        .param("namespacePatterns", "catalog"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"team-form\""),
                                containsString("A team named catalog exists already."),
                                not(containsString("<html")))));
        assertThat(teams.all()).extracting(Team::name).containsExactly("catalog", "payments");
    }

    @Test
    void thePreviewShowsWhatThePatternsMatchWithAndWithoutJavaScript() throws Exception {
        mvc.perform(get("/admin/teams/preview")
                        .with(Users.ADMIN.session())
                        .header("HX-Request", "true")
                        .param("namespacePatterns", "pay*\nBAD"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"team-preview\""),
                                containsString("<code>payments</code>"),
                                not(containsString("<code>catalog</code>")),
                                containsString("&#39;BAD&#39; has the character"),
                                not(containsString("<html")))));
        mvc.perform(post("/admin/teams/payments")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .param("groups", "team-payments")
                        .param("namespacePatterns", "cat*")
                        .param("preview", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<html"), containsString("<code>catalog</code>"))));
        // previewing saves nothing
        assertThat(teams.find("payments").orElseThrow().namespacePatterns()).containsExactly("payments", "checkout");
    }

    @Test
    void deletesATeam() throws Exception {
        teams.create(new Team("retired", "", List.of("team-retired"), List.of("retired"), List.of()), "test");
        mvc.perform(post("/admin/teams/retired/delete")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .param("comment", "merged into catalog"))
                .andExpect(redirectedUrl("/admin/teams"));
        assertThat(teams.find("retired")).isEmpty();
        assertThat(jdbc.sql("select reason || '|' || before_yaml from audit_record where action = 'team.deleted'"
                                + " and target_name = 'retired' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .startsWith("merged into catalog|")
                .contains("team-retired");
    }

    @Test
    void theAccessViewNamesTeamsGroupsApproversAndTheRolesThatReachEverything() throws Exception {
        mvc.perform(get("/admin/teams/access").param("namespace", "payments").with(Users.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Namespace payments"),
                                containsString("href=\"/admin/teams/payments/edit\""),
                                containsString("<code>team-payments</code>"),
                                containsString("<code>tierdeck-security-admins</code>"),
                                containsString("platform-admin"),
                                containsString("security-admin"))));
        mvc.perform(get("/admin/teams/access")
                        .param("namespace", "catalog")
                        .with(Users.ADMIN.session())
                        .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"access-result\""),
                                containsString("<code>team-catalog</code>"),
                                containsString("none (admins approve)"),
                                not(containsString("<html")))));
        mvc.perform(get("/admin/teams/access")
                        .param("namespace", "Not A Namespace")
                        .with(Users.ADMIN.session()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("is not a namespace name")));
    }

    @Test
    void aMissingTeamIsNotFound() throws Exception {
        mvc.perform(get("/admin/teams/nobody/edit").with(Users.ADMIN.session())).andExpect(status().isNotFound());
    }
}
