package io.waypoint.drivers.opennds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the adapter makes of a parsed client list, without running ndsctl. */
class OpenNdsUpdateTest {
    private final WorldClock clock = new WorldClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final OpenNds nds = new OpenNds(OpenNdsSettings.defaults(), clock, d -> { });

    private static List<NdsClient> authenticatedSince(String sessionStart) throws JsonReader.Malformed {
        return ClientListJson.parse("{\"clients\":{\"aa:bb:cc:dd:ee:01\":{\"mac\":\"aa:bb:cc:dd:ee:01\","
                + "\"state\":\"Authenticated\",\"session_start\":\"" + sessionStart + "\"}}}");
    }

    @Test
    void aSessionStartBeyondAnyDateIsASessionJustBegunNotACrash() throws Exception {
        // found by the fuzz harness: "1e300" read as Long.MAX_VALUE seconds made Instant.ofEpochSecond throw
        for (String start : List.of("1e300", "9223372036854775807", "31556889864403200")) {
            assertThat(nds.update(authenticatedSince(start)).clients().get(0).connected()).as(start).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void aSessionStartInTheFutureOfOurClockCountsNoTimeYet() throws Exception {
        long inAnHour = clock.instant().getEpochSecond() + 3600;
        assertThat(nds.update(authenticatedSince(Long.toString(inAnHour))).clients().get(0).connected()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aSessionStartedEarlierCountsTheTimeSince() throws Exception {
        long tenMinutesAgo = clock.instant().getEpochSecond() - 600;
        assertThat(nds.update(authenticatedSince(Long.toString(tenMinutesAgo))).clients().get(0).connected())
                .isEqualTo(Duration.ofMinutes(10));
    }
}
