package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.Teams;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@AdminConsoleTest
class TeamApiControllerTest {

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
    void listsTheTeamsWithTheNamespacesTheyMatchNow() throws Exception {
        mvc.perform(get("/api/v1/teams").with(Users.ADMIN.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("catalog"))
                .andExpect(jsonPath("$[0].matchingNamespaces[0]").value("catalog"))
                .andExpect(jsonPath("$[1].name").value("payments"))
                .andExpect(jsonPath("$[1].namespacePatterns[1]").value("checkout"))
                .andExpect(jsonPath("$[1].approverGroups[0]").value("tierdeck-security-admins"));
    }

    @Test
    void createsWithTheDefaultGroupChangesAndDeletes() throws Exception {
        mvc.perform(post("/api/v1/teams")
                        .with(Users.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "search", "namespacePatterns": ["search-*"], "comment": "new"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.groups[0]").value("team-search"));
        mvc.perform(put("/api/v1/teams/search")
                        .with(Users.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"namespacePatterns": ["cat*"], "approverGroups": ["search-leads"]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[0]").value("team-search"))
                .andExpect(jsonPath("$.matchingNamespaces[0]").value("catalog"));
        mvc.perform(get("/api/v1/access/catalog").with(Users.SECURITY.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.teams[*].name", contains("catalog", "search")))
                .andExpect(jsonPath("$.approverGroups[0]").value("search-leads"))
                .andExpect(jsonPath("$.everyNamespaceRoles[0]").value("platform-admin"));
        mvc.perform(delete("/api/v1/teams/search").with(Users.SECURITY.token())).andExpect(status().isNoContent());

        assertThat(teams.find("search")).isEmpty();
        assertThat(jdbc.sql("select action from audit_record where target_name = 'search' order by id desc limit 3")
                        .query(String.class)
                        .list())
                .containsExactly("team.deleted", "team.updated", "team.created");
    }

    @Test
    void badFieldsAre422WithEveryFieldNamed() throws Exception {
        mvc.perform(post("/api/v1/teams")
                        .with(Users.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "catalog", "groups": ["", "ok"], "namespacePatterns": ["pay*", "a b"]}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("groups[0]"))
                .andExpect(
                        jsonPath("$.fields[0].message").value("Empty group name: enter a group or remove the entry."))
                .andExpect(jsonPath("$.fields[1].field").value("namespacePatterns[1]"));
        mvc.perform(post("/api/v1/teams")
                        .with(Users.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "catalog"}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("name"))
                .andExpect(jsonPath("$.fields[0].message").value("A team named catalog exists already."));
        mvc.perform(post("/api/v1/teams")
                        .with(Users.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "x", "groups": "not-a-list"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("lists of text")));
        assertThat(teams.all()).extracting(Team::name).containsExactly("catalog", "payments");
    }

    @Test
    void aChangedTeamReachesItsMembersOnTheirNextRequest() throws Exception {
        RequestPostProcessor alice = Users.ALICE.token();
        mvc.perform(get("/api/v1/me").with(alice))
                .andExpect(jsonPath("$.namespaces", contains("checkout", "payments")));

        mvc.perform(put("/api/v1/teams/payments")
                        .with(Users.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"namespacePatterns": ["cat*"], "comment": "payments moves to catalog"}"""))
                .andExpect(status().isOk());

        mvc.perform(get("/api/v1/me").with(alice)).andExpect(jsonPath("$.namespaces", contains("catalog")));
    }

    @Test
    void askingForAnInvalidNamespaceIs422() throws Exception {
        mvc.perform(get("/api/v1/access/Not_A_Namespace").with(Users.ADMIN.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("namespace"));
    }

    @Test
    void anUnknownTeamIs404() throws Exception {
        mvc.perform(get("/api/v1/teams/nobody").with(Users.ADMIN.token())).andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/teams/nobody")
                        .with(Users.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/teams/nobody").with(Users.ADMIN.token())).andExpect(status().isNotFound());
    }
}
