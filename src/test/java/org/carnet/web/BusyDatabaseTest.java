package org.carnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Rows;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A write that cannot get the database in time (SQLite's one write lock held elsewhere past the busy timeout, as by
 * another process) is told "busy, try again" with a 503 and Retry-After, in the visitor's language, never a 500;
 * and nothing was changed.
 */
@Isolated("it holds the database's write lock on purpose")
class BusyDatabaseTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Test
    void aWriteThatCannotGetTheDatabaseInTimeIsABusyPageNotAnError() throws Exception {
        carnet.user("busy@example.org", "Busy", "mot de passe occupé");
        long sessions = Rows.countAll(carnet.services().db.jdbi(), "user_session");
        var client = carnet.client().language("fr");
        Response form = client.get("/account/signin");
        Response busy;
        try (Connection other = DriverManager.getConnection(carnet.jdbcUrl());
             Statement st = other.createStatement()) {
            // Another process holds the write lock (an old import, a backup tool...).
            st.execute("BEGIN IMMEDIATE");
            st.execute("UPDATE instance_setting SET setting_value = setting_value");
            busy = client.submit(form, "form#signin", java.util.Map.of("email", "busy@example.org",
                    "password", "mot de passe occupé"));
            st.execute("ROLLBACK");
        }
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("5");
        assertThat(busy.text()).contains("Le serveur est occupé").doesNotContain("SQLITE").doesNotContain("Exception");
        assertThat(Rows.countAll(carnet.services().db.jdbi(), "user_session")).isEqualTo(sessions);
        assertThat(carnet.client().signIn("busy@example.org", "mot de passe occupé").status()).isEqualTo(303);
    }
}
