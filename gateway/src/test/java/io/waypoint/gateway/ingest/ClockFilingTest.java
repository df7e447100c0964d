package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.store.GatewayStore.BootClock;
import io.waypoint.gateway.store.GatewayStore.FiledBy;
import io.waypoint.gateway.store.GatewayStore.Refile;
import io.waypoint.wire.ClockState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where readings from a clock that starts in 1970 are filed, whatever order the evidence comes in. */
class ClockFilingTest {
    private static final SequenceTracker.Key BOOT = new SequenceTracker.Key("la-gloria", "well-01", 7);
    /** When the board really booted; its clock said 1970-01-01T00:00:00Z then. */
    private static final Instant BOOTED = Instant.parse("2026-11-27T06:00:00Z");
    private static final Instant EPOCH = Instant.EPOCH;
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    private final ClockFiling filing = new ClockFiling();

    /** The true time of message {@code seq}: one a minute from the boot. */
    private static Instant made(long seq) {
        return BOOTED.plus(INTERVAL.multipliedBy(seq));
    }

    /** What the node's RTC-less clock said when it made message {@code seq}. */
    private static Instant unsyncedTs(long seq) {
        return EPOCH.plus(INTERVAL.multipliedBy(seq));
    }

    @Test
    void aNodeReportingLiveIsFiledWithinItsNetworkDelayAndNeverIn1970() {
        for (long seq = 1; seq <= 30; seq++) {
            Instant received = made(seq).plusMillis(40 + (seq % 7) * 10); // 40-100 ms of delay
            ClockFiling.Filing f = filing.file(BOOT, seq, unsyncedTs(seq), ClockState.UNSYNCED, received);
            assertThat(f.by()).isEqualTo(FiledBy.ARRIVAL);
            assertThat(Duration.between(made(seq), f.at())).isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(f.at()).isBeforeOrEqualTo(received);
        }
        // jitter of a few tens of milliseconds is not worth rewriting thirty rows for
        assertThat(filing.takeRefiles()).isEmpty();
        // NTP set the clock: synced messages are filed at their own ts
        ClockFiling.Filing synced = filing.file(BOOT, 31, made(31), ClockState.SYNCED, made(31).plusMillis(50));
        assertThat(synced).isEqualTo(new ClockFiling.Filing(made(31), FiledBy.NODE_CLOCK));
        assertThat(filing.takeRefiles()).isEmpty();
    }

    @Test
    void aWeekOfflineWithoutNtpThenASyncFilesTheBacklogOnItsDaysNotOnTheDayItArrived() {
        long week = 7 * 24 * 60;
        Instant back = made(week + 10).plusSeconds(5);
        // the backlog drains in seq order once the link is back, all within a minute
        for (long seq = 1; seq <= week; seq++) {
            ClockFiling.Filing f = filing.file(BOOT, seq, unsyncedTs(seq), ClockState.UNSYNCED, back.plusMillis(seq / 200));
            assertThat(f.at()).as("never after it arrived").isBeforeOrEqualTo(back.plusMillis(seq / 200));
        }
        // the node synced when the network came back, 10 minutes after its last unsynced reading
        for (long seq = week + 1; seq <= week + 10; seq++) {
            filing.file(BOOT, seq, made(seq), ClockState.SYNCED, back.plusSeconds(1));
        }
        List<Refile> refiles = filing.takeRefiles();
        assertThat(refiles).singleElement().satisfies(r -> {
            assertThat(r.by()).isEqualTo(FiledBy.NEXT_SYNCED);
            long trueOffset = Duration.between(EPOCH, BOOTED).toMillis();
            // at most one telemetry interval late: the time between the last unsynced and the first synced message
            assertThat(r.offsetMs() - trueOffset).isBetween(0L, INTERVAL.toMillis());
            Instant firstFiled = unsyncedTs(1).plusMillis(r.offsetMs());
            assertThat(firstFiled).as("the first reading, a week before it arrived").isBetween(made(1), made(2));
        });
        assertThat(filing.takeRefiles()).as("nothing more until the evidence improves").isEmpty();
    }

    @Test
    void theSyncedMessagesArrivingFirstFileTheUnsyncedOnesRightAway() {
        filing.file(BOOT, 11, made(11), ClockState.SYNCED, made(11));
        ClockFiling.Filing f = filing.file(BOOT, 10, unsyncedTs(10), ClockState.UNSYNCED, made(40));
        assertThat(f.by()).isEqualTo(FiledBy.NEXT_SYNCED);
        assertThat(f.at()).isEqualTo(made(11));
        assertThat(filing.takeRefiles()).isEmpty();
    }

    @Test
    void anUnsyncedMessageAfterASyncedOneBreaksTheOrderBoundSoOnlyArrivalIsTrusted() {
        filing.file(BOOT, 5, made(5), ClockState.SYNCED, made(5));
        ClockFiling.Filing f = filing.file(BOOT, 6, unsyncedTs(6), ClockState.UNSYNCED, made(6).plusMillis(30));
        assertThat(f.by()).isEqualTo(FiledBy.ARRIVAL);
        assertThat(f.at()).isEqualTo(made(6).plusMillis(30));
    }

    @Test
    void theEvidenceSurvivesAGatewayRestart() {
        for (long seq = 1; seq <= 5; seq++) {
            filing.file(BOOT, seq, unsyncedTs(seq), ClockState.UNSYNCED, made(100));
        }
        filing.takeRefiles();
        List<BootClock> saved = filing.takeChanged();
        assertThat(saved).hasSize(1);

        ClockFiling restarted = new ClockFiling();
        saved.forEach(restarted::restore);
        restarted.file(BOOT, 6, made(6), ClockState.SYNCED, made(100));
        assertThat(restarted.takeRefiles()).singleElement().satisfies(r -> {
            assertThat(r.by()).isEqualTo(FiledBy.NEXT_SYNCED);
            assertThat(unsyncedTs(5).plusMillis(r.offsetMs())).isEqualTo(made(6));
        });
    }

    @Test
    void eachBootHasItsOwnOffset() {
        SequenceTracker.Key next = new SequenceTracker.Key("la-gloria", "well-01", 8);
        Instant rebooted = made(500);
        filing.file(BOOT, 1, unsyncedTs(1), ClockState.UNSYNCED, made(1));
        ClockFiling.Filing f = filing.file(next, 1, unsyncedTs(1), ClockState.UNSYNCED, rebooted.plus(INTERVAL));
        assertThat(f.at()).isEqualTo(rebooted.plus(INTERVAL));
    }
}
