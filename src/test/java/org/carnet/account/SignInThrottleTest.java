package org.carnet.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.WebClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in attempts are limited per client address too: guessing across many accounts stops as well. */
class SignInThrottleTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Test
    void failuresAcrossManyAccountsFromOneAddressAreLimited() {
        String password = "le bon mot de passe";
        carnet.user("victim@throttle.test", "Victim", password);
        for (int i = 0; i < AccountService.MAX_FAILURES_PER_ADDRESS; i++) {
            Response r = carnet.client().signIn("guess" + i + "@throttle.test", "wrong password");
            assertThat(r.status()).as("attempt " + i).isEqualTo(400);
        }
        Response blocked = carnet.client().language("fr").signIn("victim@throttle.test", password);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.text()).contains("Trop de tentatives de connexion échouées");
        assertThat(blocked.headers().getOrDefault("Set-Cookie", java.util.List.of())).noneMatch(c -> c.startsWith("carnet_session="));

        carnet.clock().advance(AccountService.FAILURE_WINDOW.plusSeconds(1));
        assertThat(carnet.client().signIn("victim@throttle.test", password).status()).isEqualTo(303);
    }
}
