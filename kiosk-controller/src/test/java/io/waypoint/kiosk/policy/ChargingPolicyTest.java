package io.waypoint.kiosk.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.wire.EventBody;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class ChargingPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final double VOLTS = 5.1;
    private final ChargingPolicy policy = new ChargingPolicy(ChargingSettings.defaults());
    private final List<ChargingEvent> events = new ArrayList<>();

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Port {@code port} draws {@code amps(s)} at every {@code step} seconds in [from, to]; events are collected. */
    private void draw(int port, int from, int to, int step, IntToDoubleFunction amps) {
        for (int s = from; s <= to; s += step) {
            events.addAll(policy.reading(at(s), port, amps.applyAsDouble(s), VOLTS));
        }
    }

    private List<ChargingEvent.Ended> ended() {
        return events.stream().filter(ChargingEvent.Ended.class::isInstance).map(ChargingEvent.Ended.class::cast)
                .toList();
    }

    @Test
    void aPressStartsATurnThatClosesTheRelay() {
        assertThat(policy.port(3).relayOn()).isFalse();
        assertThat(policy.port(3).led()).isEqualTo(PortLed.FREE);
        List<ChargingEvent> started = policy.press(at(0), 3);
        assertThat(started).containsExactly(new ChargingEvent.Started(3, at(0), Duration.ofMinutes(60)));
        PortStatus p = policy.port(3);
        assertThat(p.relayOn()).isTrue();
        assertThat(p.led()).isEqualTo(PortLed.CHARGING);
        assertThat(p.state()).isEqualTo(new PortState.Charging(at(0), at(3600), 0));
        assertThat(policy.ports()).filteredOn(PortStatus::relayOn).extracting(PortStatus::port).containsExactly(3);
    }

    @Test
    void theTimeLimitEndsTheTurnAtSixtyMinutesEvenWhenTheTickIsLate() {
        policy.press(at(0), 1);
        draw(1, 0, 3590, 10, s -> 1.0);
        assertThat(ended()).isEmpty();
        events.addAll(policy.tick(at(3607))); // a late tick
        assertThat(ended()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(ChargingEndReason.TIME_LIMIT);
            assertThat(e.at()).isEqualTo(at(3600));
            assertThat(e.duration()).isEqualTo(Duration.ofMinutes(60));
        });
        PortStatus p = policy.port(1);
        assertThat(p.relayOn()).isFalse();
        assertThat(p.led()).isEqualTo(PortLed.DONE);
        assertThat(p.state()).isEqualTo(new PortState.Done(at(3600), ChargingEndReason.TIME_LIMIT, at(3600 + 600)));
    }

    @Test
    void aFinishedTurnStaysDoneUntilTheTimeoutThenFrees() {
        policy.press(at(0), 1);
        policy.tick(at(3600));
        assertThat(policy.press(at(3700), 1)).isEmpty(); // one turn per press: not another one yet
        assertThat(policy.port(1).led()).isEqualTo(PortLed.DONE);
        policy.tick(at(4199));
        assertThat(policy.port(1).led()).isEqualTo(PortLed.DONE);
        policy.tick(at(4200));
        assertThat(policy.port(1).led()).isEqualTo(PortLed.FREE);
        assertThat(policy.press(at(4201), 1)).hasSize(1);
    }

    @Test
    void pressingARunningTurnDoesNotExtendIt() {
        policy.press(at(0), 2);
        assertThat(policy.press(at(1800), 2)).isEmpty();
        policy.tick(at(3600));
        assertThat(policy.port(2).state()).isInstanceOf(PortState.Done.class);
    }

    @Test
    void aTaperingNoisyPhoneIsFullThreeMinutesAfterItsCurrentSettlesBelowFiftyMilliamps() {
        Random noise = new Random(42);
        // 1.2 A for 20 min, then an exponential taper to 25 mA (time constant 4 min), ±20 mA of noise,
        // a charger IC that pauses at 0 A for one reading now and then, and the odd 150 mA spike
        IntToDoubleFunction phone = s -> {
            double clean = s < 1200 ? 1.2 : 0.025 + 1.175 * Math.exp(-(s - 1200) / 240.0);
            if (s % 97 == 0) {
                return 0.0;
            }
            if (s % 131 == 0) {
                return 0.15;
            }
            return clean + (noise.nextDouble() - 0.5) * 0.04;
        };
        // the clean current is below 50 mA from 1200 + 240 * ln(1.175 / 0.025) ≈ 2124 s
        policy.press(at(0), 4);
        int s = 0;
        while (ended().isEmpty() && s < 3500) {
            draw(4, s, s, 1, phone);
            s++;
        }
        ChargingEvent.Ended e = ended().get(0);
        assertThat(e.reason()).isEqualTo(ChargingEndReason.FULL);
        assertThat(Duration.between(T0, e.at()).toSeconds()).isBetween(2124L + 180 - 60, 2124L + 180 + 60);
        // a full phone stays powered, so taking it away frees the port at once
        draw(4, s, s + 120, 1, phone);
        assertThat(ended()).hasSize(1);
        PortStatus p = policy.port(4);
        assertThat(p.led()).isEqualTo(PortLed.DONE);
        assertThat(p.relayOn()).isTrue();
        draw(4, s + 121, s + 131, 1, t -> 0.0);
        assertThat(policy.port(4).led()).isEqualTo(PortLed.FREE);
        assertThat(policy.port(4).relayOn()).isFalse();
    }

    @Test
    void aPhoneTakenAwayEndsTheTurnAsUnpluggedAndFreesThePort() {
        policy.press(at(0), 5);
        draw(5, 0, 600, 2, s -> 0.9);
        draw(5, 602, 610, 2, s -> 0.002);
        assertThat(ended()).isEmpty(); // 8 s: could be a pause
        draw(5, 612, 612, 2, s -> 0.002);
        assertThat(ended()).singleElement().extracting(ChargingEvent.Ended::reason)
                .isEqualTo(ChargingEndReason.UNPLUGGED);
        assertThat(policy.port(5).state()).isEqualTo(new PortState.Free());
        assertThat(policy.port(5).relayOn()).isFalse();
    }

    @Test
    void aPressWithNoPhonePluggedInEndsAfterTheMinuteToPlugIn() {
        policy.press(at(0), 6);
        draw(6, 0, 58, 2, s -> 0.0);
        assertThat(ended()).isEmpty();
        draw(6, 60, 60, 2, s -> 0.0);
        assertThat(ended()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(ChargingEndReason.UNPLUGGED);
            assertThat(e.wh()).isZero();
        });
    }

    @Test
    void aPhonePluggedInLateWithinTheMinuteCharges() {
        policy.press(at(0), 6);
        draw(6, 0, 40, 2, s -> 0.0);
        draw(6, 42, 1200, 2, s -> 1.0);
        assertThat(ended()).isEmpty();
        assertThat(policy.port(6).led()).isEqualTo(PortLed.CHARGING);
    }

    @Test
    void energyIsCurrentTimesBusVoltsTimesTime() {
        policy.press(at(0), 1);
        draw(1, 0, 3600, 5, s -> 1.0);
        ChargingEvent.Ended e = ended().get(0);
        assertThat(e.reason()).isEqualTo(ChargingEndReason.TIME_LIMIT);
        assertThat(e.wh()).isCloseTo(1.0 * VOLTS, org.assertj.core.data.Offset.offset(0.01));
        EventBody body = e.toEventBody();
        assertThat(body.type()).isEqualTo(EventBody.CHARGING_ENDED);
        assertThat(body.fields()).containsEntry("port", 1L).containsEntry("seconds", 3600L)
                .containsEntry("wh", 5.1).containsEntry("reason", "time_limit");
    }

    @Test
    void anOverCurrentOpensTheRelayAndLocksThePortUntilATechnicianClearsIt() {
        policy.press(at(0), 7);
        draw(7, 0, 100, 1, s -> 1.5);
        events.addAll(policy.reading(at(101), 7, 2.6, VOLTS));
        events.addAll(policy.reading(at(102), 7, 2.6, VOLTS));
        assertThat(policy.port(7).relayOn()).isTrue(); // 1 s above: could be an inrush
        events.addAll(policy.reading(at(103), 7, 2.6, VOLTS));
        assertThat(ended()).singleElement().extracting(ChargingEvent.Ended::reason)
                .isEqualTo(ChargingEndReason.OVER_CURRENT);
        assertThat(events).contains(new ChargingEvent.Faulted(7, at(103), PortFault.OVER_CURRENT));
        PortStatus p = policy.port(7);
        assertThat(p.relayOn()).isFalse();
        assertThat(p.led()).isEqualTo(PortLed.FAULT);
        // locked: presses, readings and time do nothing
        assertThat(policy.press(at(200), 7)).isEmpty();
        assertThat(policy.reading(at(201), 7, 0.0, VOLTS)).isEmpty();
        assertThat(policy.tick(at(100_000))).isEmpty();
        assertThat(policy.port(7).led()).isEqualTo(PortLed.FAULT);
        // the technician clears it
        assertThat(policy.clearFault(at(100_001), 7)).containsExactly(new ChargingEvent.FaultCleared(7, at(100_001)));
        assertThat(policy.port(7).led()).isEqualTo(PortLed.FREE);
        assertThat(policy.press(at(100_002), 7)).hasSize(1);
        assertThat(policy.clearFault(at(100_003), 7)).isEmpty(); // nothing to clear
    }

    @Test
    void aShortInrushIsNotAFault() {
        policy.press(at(0), 7);
        draw(7, 0, 1, 1, s -> 3.0);
        draw(7, 2, 600, 1, s -> 1.0);
        assertThat(events).noneMatch(ChargingEvent.Faulted.class::isInstance);
        assertThat(policy.port(7).led()).isEqualTo(PortLed.CHARGING);
    }

    @Test
    void aSingleReadingFarAboveTheLimitIsAShortAndOpensTheRelayAtOnce() {
        policy.press(at(0), 8);
        draw(8, 0, 10, 1, s -> 1.0);
        events.addAll(policy.reading(at(11), 8, 7.5, VOLTS));
        assertThat(events).contains(new ChargingEvent.Faulted(8, at(11), PortFault.SHORT_CIRCUIT));
        assertThat(ended()).singleElement().extracting(ChargingEvent.Ended::reason)
                .isEqualTo(ChargingEndReason.OVER_CURRENT);
        assertThat(policy.port(8).relayOn()).isFalse();
        EventBody fault = ((ChargingEvent.Faulted) events.get(events.size() - 1)).toEventBody();
        assertThat(fault.fields()).isEqualTo(Map.of("part", "charging port 8", "reason", "short_circuit"));
    }

    @Test
    void sheddingEndsRunningTurnsOpensEveryRelayAndRefusesPresses() {
        ChargingPolicy plug = new ChargingPolicy(ChargingSettings.defaults().withStartOnPlug(true));
        plug.press(at(0), 1);
        plug.press(at(0), 2);
        List<ChargingEvent> shedEvents = plug.shed(at(600), true);
        assertThat(shedEvents).hasSize(2).allSatisfy(e -> assertThat(((ChargingEvent.Ended) e).reason())
                .isEqualTo(ChargingEndReason.SHED));
        assertThat(plug.ports()).noneMatch(PortStatus::relayOn);
        assertThat(plug.port(3).led()).isEqualTo(PortLed.OFF);
        assertThat(plug.press(at(601), 3)).isEmpty();
        assertThat(plug.reading(at(602), 3, 1.0, VOLTS)).isEmpty(); // no turn by plugging in either
        assertThat(plug.availability(at(602))).isEqualTo(new ChargingAvailability.Shed());
        plug.shed(at(700), false);
        assertThat(plug.port(3).led()).isEqualTo(PortLed.FREE);
        assertThat(plug.port(1).led()).isEqualTo(PortLed.DONE); // its phone is still to be collected
        assertThat(plug.press(at(701), 3)).hasSize(1);
    }

    @Test
    void aStoppedTurnEndsAsStopped() {
        policy.press(at(0), 1);
        policy.press(at(0), 2);
        assertThat(policy.stop(at(60), 1)).singleElement().extracting(e -> ((ChargingEvent.Ended) e).reason())
                .isEqualTo(ChargingEndReason.STOPPED);
        assertThat(policy.port(1).relayOn()).isFalse();
        assertThat(policy.stopAll(at(61))).singleElement().extracting(ChargingEvent::port).isEqualTo(2);
        assertThat(policy.ports()).noneMatch(PortStatus::relayOn);
    }

    @Test
    void afterARestartEveryRelayIsOffAndAPhoneStillPluggedInIsNotChargedUntilAPress() {
        policy.press(at(0), 3);
        draw(3, 0, 600, 5, s -> 1.0);
        assertThat(policy.port(3).relayOn()).isTrue();

        ChargingPolicy restarted = new ChargingPolicy(ChargingSettings.defaults());
        assertThat(restarted.ports()).noneMatch(PortStatus::relayOn)
                .allMatch(p -> p.state().equals(new PortState.Free()));
        assertThat(restarted.reading(at(700), 3, 0.9, VOLTS)).isEmpty(); // a stale reading starts nothing
        assertThat(restarted.port(3).relayOn()).isFalse();
        assertThat(restarted.press(at(710), 3)).hasSize(1);
    }

    @Test
    void inPlugModeAFreePortIsPoweredAndAPhonePluggedInStartsATurn() {
        ChargingPolicy plug = new ChargingPolicy(ChargingSettings.defaults().withStartOnPlug(true));
        assertThat(plug.ports()).allMatch(PortStatus::relayOn);
        assertThat(plug.reading(at(0), 2, 0.03, VOLTS)).isEmpty(); // below the plug threshold
        assertThat(plug.reading(at(1), 2, 0.7, VOLTS))
                .containsExactly(new ChargingEvent.Started(2, at(1), Duration.ofMinutes(60)));
        assertThat(plug.port(2).led()).isEqualTo(PortLed.CHARGING);
    }

    @Test
    void availabilityCountsFreePortsAndOtherwiseTheLongestWaitForTheFirstToFree() {
        ChargingPolicy two = new ChargingPolicy(ChargingSettings.defaults().withPorts(2));
        assertThat(two.availability(at(0))).isEqualTo(new ChargingAvailability.FreeNow(2));
        two.press(at(0), 1);
        two.press(at(1200), 2);
        assertThat(two.busyPorts()).isEqualTo(2);
        // port 1 ends its turn at 60 min and frees 10 min later at the latest
        assertThat(two.availability(at(1800))).isEqualTo(new ChargingAvailability.AllBusy(Duration.ofMinutes(40)));
        two.tick(at(3600));
        assertThat(two.availability(at(3900))).isEqualTo(new ChargingAvailability.AllBusy(Duration.ofMinutes(5)));
        two.tick(at(4200));
        assertThat(two.availability(at(4200))).isEqualTo(new ChargingAvailability.FreeNow(1));
    }

    @Test
    void portsAllLockedByFaultsAreOutOfOrder() {
        ChargingPolicy one = new ChargingPolicy(ChargingSettings.defaults().withPorts(1));
        one.press(at(0), 1);
        one.reading(at(1), 1, 9.0, VOLTS);
        assertThat(one.availability(at(2))).isEqualTo(new ChargingAvailability.OutOfOrder());
        assertThat(one.busyPorts()).isZero();
    }

    @Test
    void portsAreNumberedFromOneAsOnTheirLabels() {
        assertThat(policy.ports()).extracting(PortStatus::port).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThatThrownBy(() -> policy.press(at(0), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ports are 1 to 8");
        assertThatThrownBy(() -> policy.reading(at(0), 9, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesCurrentsInTheWrongOrder() {
        ChargingSettings d = ChargingSettings.defaults();
        assertThatThrownBy(() -> new ChargingSettings(8, false, d.timeLimit(), 0.08, 0.005, d.fullFor(), 0.01,
                d.unpluggedFor(), d.plugGrace(), 2.4, d.overCurrentFor(), 4.0, d.doneTimeout(), d.smoothing()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unplugged 0.01 < full 0.005");
    }
}
