package io.waypoint.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmsPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-27T14:03:00Z");

    private static Alert alert(String rule, Severity severity, AlertState state, Instant at) {
        return new Alert(rule + ".well-01", "la-gloria", "well-01", rule, severity, state, at, at, 7.2,
                "Water unsafe at well-01: turbidity 7.2 NTU above 5 NTU for 2 min", null);
    }

    private static Alert critical(String rule, AlertState state, Instant at) {
        return alert(rule, Severity.CRITICAL, state, at);
    }

    private static SmsPolicy down(int perHour) {
        SmsPolicy p = new SmsPolicy(Set.of("la-gloria"), perHour);
        p.uplink(false);
        return p;
    }

    @Test
    void aCriticalAlertRaisedOrEscalatedWhileTheUplinkIsDownGoesOnceWithItsText() {
        SmsPolicy p = down(5);
        Optional<SmsPolicy.Send> raised = p.alert(critical("turbidity_unsafe", AlertState.RAISED, T0), T0);
        assertThat(raised).hasValueSatisfying(s -> {
            assertThat(s.site()).isEqualTo("la-gloria");
            assertThat(s.text()).isEqualTo("la-gloria CRITICAL 14:03Z: Water unsafe at well-01: turbidity 7.2 NTU above 5 NTU for 2 min");
            assertThat(s.id()).startsWith("turbidity_unsafe.well-01 raised");
        });
        assertThat(p.alert(critical("turbidity_unsafe", AlertState.ESCALATED, T0.plusSeconds(600)), T0.plusSeconds(600)))
                .hasValueSatisfying(s -> assertThat(s.text()).startsWith("la-gloria CRITICAL, not acknowledged 14:13Z: "));
    }

    @Test
    void acknowledgedResolvedWarningsAndOtherSitesSendNothing() {
        SmsPolicy p = down(5);
        assertThat(p.alert(critical("x", AlertState.ACKNOWLEDGED, T0), T0)).isEmpty();
        assertThat(p.alert(critical("x", AlertState.RESOLVED, T0), T0)).isEmpty();
        assertThat(p.alert(alert("x", Severity.WARNING, AlertState.RAISED, T0), T0)).isEmpty();
        assertThat(p.alert(alert("x", Severity.INFO, AlertState.RAISED, T0), T0)).isEmpty();
        Alert elsewhere = new Alert("x.well-02", "el-ceibo", "well-02", "x", Severity.CRITICAL, AlertState.RAISED, T0, T0, null, "m", null);
        assertThat(p.alert(elsewhere, T0)).isEmpty();
    }

    @Test
    void withTheUplinkUpNothingGoesAndAnUnknownUplinkCountsAsDown() {
        SmsPolicy p = new SmsPolicy(Set.of("la-gloria"), 5);
        assertThat(p.uplinkDown()).isTrue();
        assertThat(p.alert(critical("a", AlertState.RAISED, T0), T0)).isPresent();
        p.uplink(true);
        assertThat(p.alert(critical("b", AlertState.RAISED, T0), T0)).isEmpty();
        p.uplink(false);
        assertThat(p.alert(critical("c", AlertState.RAISED, T0), T0)).isPresent();
    }

    @Test
    void beyondTheHourlyLimitAlertsAreCountedAndOneSummaryGoesWhenTheHourAllows() {
        SmsPolicy p = down(2);
        assertThat(p.alert(critical("a", AlertState.RAISED, T0), T0)).isPresent();
        assertThat(p.alert(critical("b", AlertState.RAISED, T0.plusSeconds(60)), T0.plusSeconds(60))).isPresent();
        assertThat(p.alert(critical("c", AlertState.RAISED, T0.plusSeconds(120)), T0.plusSeconds(120))).isEmpty();
        assertThat(p.alert(critical("d", AlertState.RAISED, T0.plusSeconds(180)), T0.plusSeconds(180))).isEmpty();
        assertThat(p.leftOut("la-gloria")).isEqualTo(2);
        // within the hour of the first: nothing, not even the summary
        assertThat(p.tick(T0.plus(Duration.ofMinutes(59)))).isEmpty();
        // an hour after the first, one SMS is free again: the summary takes it
        assertThat(p.tick(T0.plus(Duration.ofMinutes(60)))).singleElement().satisfies(s -> assertThat(s.text())
                .isEqualTo("la-gloria: 2 more critical alerts since 14:05Z not sent by SMS (limit 2 an hour). Uplink to head office still down."));
        assertThat(p.leftOut("la-gloria")).isZero();
        assertThat(p.tick(T0.plus(Duration.ofMinutes(62)))).isEmpty();
        // the second's hour ends at 15:04: then an alert goes again
        assertThat(p.alert(critical("e", AlertState.RAISED, T0.plus(Duration.ofMinutes(61))), T0.plus(Duration.ofMinutes(61)))).isPresent();
        assertThat(p.alert(critical("f", AlertState.RAISED, T0.plus(Duration.ofMinutes(61))), T0.plus(Duration.ofMinutes(61)))).isEmpty();
    }

    @Test
    void alertsLeftOutAreForgottenWhenTheUplinkReturnsSinceStaffSeeThemAtHeadOffice() {
        SmsPolicy p = down(1);
        assertThat(p.alert(critical("a", AlertState.RAISED, T0), T0)).isPresent();
        assertThat(p.alert(critical("b", AlertState.RAISED, T0), T0)).isEmpty();
        p.uplink(true);
        assertThat(p.tick(T0.plus(Duration.ofHours(2)))).isEmpty();
        p.uplink(false);
        assertThat(p.tick(T0.plus(Duration.ofHours(3)))).isEmpty();
    }
}
