package io.waypoint.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestGuardTest {
    final RequestGuard guard = new RequestGuard(Set.of("gw.la-gloria.lan"), new SecureRandom());

    @Test
    void thePageIsServedUnderIpAddressesLocalhostAndConfiguredNamesOnly() {
        assertThat(guard.refuseHost("192.168.4.1:8080")).isEmpty();
        assertThat(guard.refuseHost("127.0.0.1")).isEmpty();
        assertThat(guard.refuseHost("[::1]:8080")).isEmpty();
        assertThat(guard.refuseHost("localhost:8080")).isEmpty();
        assertThat(guard.refuseHost("GW.La-Gloria.lan:8080")).isEmpty();
        assertThat(guard.refuseHost("evil.example:8080")).hasValueSatisfying(r -> assertThat(r)
                .contains("'evil.example'").contains("status.hosts"));
        assertThat(guard.refuseHost("999.1.1.1")).isPresent();
        assertThat(guard.refuseHost(null)).isPresent();
        assertThat(guard.refuseHost("<b>x</b>")).hasValueSatisfying(r -> assertThat(r).doesNotContain("<b>"));
    }

    @Test
    void anAcknowledgementNeedsThePagesTokenAndNoForeignOrigin() {
        String t = guard.token();
        assertThat(t).hasSize(32);
        assertThat(guard.refusePost("192.168.4.1:8080", "http://192.168.4.1:8080", t)).isEmpty();
        assertThat(guard.refusePost("192.168.4.1:8080", null, t)).isEmpty(); // an old browser without Origin: the token decides
        assertThat(guard.refusePost("192.168.4.1:8080", "http://evil.example", t)).hasValueSatisfying(r -> assertThat(r).contains("origin"));
        assertThat(guard.refusePost("192.168.4.1:8080", "null", t)).isPresent();
        assertThat(guard.refusePost("192.168.4.1:8080", "http://192.168.4.1:8080", null)).hasValueSatisfying(r -> assertThat(r)
                .contains("reload the page"));
        assertThat(guard.refusePost("192.168.4.1:8080", "http://192.168.4.1:8080", "0".repeat(32))).isPresent();
        assertThat(guard.refusePost("evil.example:8080", "http://evil.example:8080", t)).isPresent();
    }

    @Test
    void eachRunHasItsOwnToken() {
        assertThat(new RequestGuard(Set.of(), new SecureRandom()).token()).isNotEqualTo(guard.token());
    }
}
