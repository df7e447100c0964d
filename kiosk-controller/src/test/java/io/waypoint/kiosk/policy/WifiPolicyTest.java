package io.waypoint.kiosk.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.kiosk.policy.WifiEvent.Deauthenticate;
import io.waypoint.kiosk.policy.WifiEvent.EndReason;
import io.waypoint.kiosk.policy.WifiEvent.SessionEnded;
import io.waypoint.wire.EventBody;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WifiPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final ClientHandle A = new ClientHandle("a1b2c3d4");
    private static final ClientHandle B = new ClientHandle("e5f60718");
    private final WifiPolicy wifi = new WifiPolicy(WifiSettings.defaults());

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aClientIsLetInWithTheLimitsInNdsctlUnits() {
        WifiDecision d = wifi.request(at(0), A);
        assertThat(d).isEqualTo(new WifiDecision.Grant(Duration.ofMinutes(30), 48_828, 9_765, 0, 0));
        assertThat(((WifiDecision.Grant) d).minutes()).isEqualTo(30);
        assertThat(wifi.activeSessions()).isEqualTo(1);
        assertThat(wifi.request(at(1), A)).isEqualTo(new WifiDecision.Refused(WifiDecision.Reason.ALREADY_IN_SESSION));
    }

    @Test
    void aSessionEndsAtItsTimeLimit() {
        wifi.request(at(0), A);
        wifi.traffic(at(600), A, 12_000_000, 1_500_000);
        assertThat(wifi.tick(at(1799))).isEmpty();
        assertThat(wifi.tick(at(1805))).containsExactly(new Deauthenticate(at(1800), A, EndReason.TIME_LIMIT),
                new SessionEnded(at(1800), Duration.ofMinutes(30), 12.0, 1.5, EndReason.TIME_LIMIT));
        assertThat(wifi.activeSessions()).isZero();
    }

    @Test
    void aSessionEndsOnceItReachesEitherDataLimit() {
        wifi.request(at(0), A);
        wifi.request(at(0), B);
        assertThat(wifi.traffic(at(100), A, 49_999_999, 0)).isEmpty();
        assertThat(wifi.traffic(at(200), A, 50_000_000, 2_000_000)).containsExactly(
                new Deauthenticate(at(200), A, EndReason.DATA_LIMIT),
                new SessionEnded(at(200), Duration.ofSeconds(200), 50.0, 2.0, EndReason.DATA_LIMIT));
        assertThat(wifi.traffic(at(300), B, 1_000_000, 10_000_000)).extracting(Object::getClass)
                .containsExactly(Deauthenticate.class, SessionEnded.class);
    }

    @Test
    void noMoreThanTheMaximumAtOnceAndAnEndedSessionFreesItsPlace() {
        WifiPolicy two = new WifiPolicy(WifiSettings.defaults().withMaxSessions(2));
        ClientHandle c = new ClientHandle("c0ffee01");
        assertThat(two.request(at(0), A)).isInstanceOf(WifiDecision.Grant.class);
        assertThat(two.request(at(1), B)).isInstanceOf(WifiDecision.Grant.class);
        assertThat(two.availability()).isEqualTo(WifiAvailability.FULL);
        assertThat(two.request(at(2), c)).isEqualTo(new WifiDecision.Refused(WifiDecision.Reason.FULL));
        assertThat(two.left(at(3), A)).containsExactly(
                new SessionEnded(at(3), Duration.ofSeconds(3), 0, 0, EndReason.LEFT)); // no deauth: it is gone already
        assertThat(two.request(at(4), c)).isInstanceOf(WifiDecision.Grant.class);
    }

    @Test
    void sheddingEndsEverySessionAndLetsNobodyIn() {
        wifi.request(at(0), A);
        wifi.request(at(0), B);
        List<WifiEvent> events = wifi.shed(at(60), true);
        assertThat(events).filteredOn(Deauthenticate.class::isInstance).hasSize(2);
        assertThat(events).filteredOn(SessionEnded.class::isInstance)
                .allSatisfy(e -> assertThat(((SessionEnded) e).reason()).isEqualTo(EndReason.SHED));
        assertThat(wifi.request(at(61), A)).isEqualTo(new WifiDecision.Refused(WifiDecision.Reason.SHED));
        wifi.shed(at(120), false);
        assertThat(wifi.request(at(121), A)).isInstanceOf(WifiDecision.Grant.class);
    }

    @Test
    void withTheUplinkDownNobodyNewIsLetInButSessionsStay() {
        wifi.request(at(0), A);
        assertThat(wifi.uplink(at(10), false)).isEmpty();
        assertThat(wifi.availability()).isEqualTo(WifiAvailability.NO_INTERNET);
        assertThat(wifi.request(at(11), B)).isEqualTo(new WifiDecision.Refused(WifiDecision.Reason.NO_INTERNET));
        assertThat(wifi.activeSessions()).isEqualTo(1);
    }

    @Test
    void stoppingEndsEverySession() {
        wifi.request(at(0), A);
        assertThat(wifi.stopAll(at(5))).extracting(WifiEvent::at).containsExactly(at(5), at(5));
        assertThat(wifi.activeSessions()).isZero();
    }

    @Test
    void theSessionRecordCarriesSecondsAndMegabytesOnly() {
        EventBody body = new SessionEnded(at(0), Duration.ofMinutes(30), 41.2, 3.5, EndReason.TIME_LIMIT).toEventBody();
        assertThat(body.type()).isEqualTo("wifi_session_ended");
        assertThat(body.fields()).isEqualTo(Map.of("seconds", 1800L, "mb_down", 41.2, "mb_up", 3.5));
    }

    @Test
    void aHandleShapedLikeAnAddressIsRefusedWithoutBeingEchoed() {
        for (String address : List.of("a4:5e:60:e1:22:3f", "A4-5E-60-E1-22-3F", "a45e.60e1.223f", "192.168.4.23",
                "fe80::1")) {
            assertThatThrownBy(() -> new ClientHandle(address)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(address);
        }
        assertThat(new ClientHandle("12345678").value()).isEqualTo("12345678"); // a token of hex digits is fine
    }
}
