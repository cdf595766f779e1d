package org.carnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carnet.core.User;
import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The instance screen: an instance admin opens or closes sign-up, disables and enables accounts, makes or unmakes
 * instance admins, and sees every blog; no one else may, from the page or by posting the form.
 */
class InstanceScreenTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    private static final String PW = "mot de passe assez long";

    @Test
    void anAdminDisablesAnAccountWhoseSessionsEndAndWhoCannotSignInUntilEnabled() {
        User admin = carnet.services().accounts.create("root@instance.test", "Root", PW, true);
        WebClient root = carnet.signedIn("root@instance.test", PW);
        WebClient bob = carnet.signedIn("bob@instance.test", PW);
        User bobUser = carnet.services().accounts.byEmail("bob@instance.test").orElseThrow();
        carnet.blog(admin, "instance-blog");

        Response screen = root.get("/admin");
        assertThat(screen.status()).isEqualTo(200);
        assertThat(screen.doc().select("header.bar a[href=/admin]")).hasSize(1);
        assertThat(screen.doc().select("tr[data-account=" + bobUser.id() + "]").text()).contains("bob@instance.test");
        assertThat(screen.doc().select("#blog-list tr[data-blog=instance-blog]")).hasSize(1);
        // Nothing to press on one's own row.
        assertThat(screen.doc().select("tr[data-account=" + admin.id() + "] button")).isEmpty();

        Response disabled = act(root, bobUser.id(), "disable");
        assertThat(disabled.status()).isEqualTo(303);
        assertThat(bob.get("/dashboard").status()).as("the session ended").isEqualTo(303);
        Response refused = carnet.client().signIn("bob@instance.test", PW);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("disabled");
        assertThat(carnet.client().signIn("bob@instance.test", "not the password at all").text())
                .as("a guesser is not told the account is disabled").doesNotContain("disabled");

        act(root, bobUser.id(), "enable");
        assertThat(carnet.client().signIn("bob@instance.test", PW).status()).isEqualTo(303);
    }

    @Test
    void anAdminMakesAnotherAdminAndTheLastOneStays() {
        carnet.services().accounts.create("chief@instance.test", "Chief", PW, true);
        WebClient chief = carnet.signedIn("chief@instance.test", PW);
        WebClient carol = carnet.signedIn("carol@instance.test", PW);
        User carolUser = carnet.services().accounts.byEmail("carol@instance.test").orElseThrow();
        assertThat(carol.get("/admin").status()).isEqualTo(403);
        assertThat(carol.get("/dashboard").doc().select("header.bar a[href=/admin]")).isEmpty();
        // Posting the form is refused too, and changes nothing.
        Response forged = carol.post("/admin/accounts/" + carolUser.id(), Map.of("_csrf",
                carol.csrfToken("/dashboard"), "action", "make-admin"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(carnet.services().accounts.byEmail("carol@instance.test").orElseThrow().instanceAdmin()).isFalse();

        act(chief, carolUser.id(), "make-admin");
        assertThat(carnet.services().accounts.byEmail("carol@instance.test").orElseThrow().instanceAdmin()).isTrue();
        assertThat(carol.get("/admin").status()).isEqualTo(200);
        User chiefUser = carnet.services().accounts.byEmail("chief@instance.test").orElseThrow();
        act(carol, chiefUser.id(), "remove-admin");
        assertThat(carnet.services().accounts.byEmail("chief@instance.test").orElseThrow().instanceAdmin()).isFalse();
        // Carol may not disable herself (as no one may): the page says so and nothing changes.
        Response self = act(carol, carolUser.id(), "disable");
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.text()).contains("You cannot disable your own account.");
        assertThat(carol.get("/admin").status()).isEqualTo(200);
    }

    private static Response act(WebClient client, long accountId, String action) {
        return client.post("/admin/accounts/" + accountId, Map.of("_csrf", client.csrfToken("/admin"),
                "action", action));
    }
}
