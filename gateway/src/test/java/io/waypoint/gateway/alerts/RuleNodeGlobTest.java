package io.waypoint.gateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleNodeGlobTest {

    @Test
    void aGlobOfManyStarsAgainstTheLongestNodeNameAnswersAtOnce() {
        // found by the fuzz harness: "*a*a*...*b" against 32 a's ran for minutes, on the ingest thread
        String node = "a".repeat(32);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            assertThat(Rule.Common.glob("*a".repeat(15) + "*b", node)).isFalse();
            assertThat(Rule.Common.glob("*?".repeat(20) + "*x", node)).isFalse();
            assertThat(Rule.Common.glob("a*".repeat(30) + "z", node)).isFalse();
            assertThat(Rule.Common.glob("*a".repeat(15) + "*", node)).isTrue();
        });
    }

    @Test
    void globsMatchAsStarAndQuestionMarkSay() {
        List<String> globs = List.of("well-*", "kiosk-0?", "*", "well-01", "*-*", "?", "", "w*l*-0*1", "*01", "**", "?*?", "a*b*c");
        List<String> nodes = List.of("well-01", "kiosk-03", "kiosk-10", "w", "", "well-", "abc", "aXbYc", "acb", "well-0101");
        for (String g : globs) {
            Pattern reference = Pattern.compile(g.replace("*", ".*").replace("?", "."));
            for (String n : nodes) {
                assertThat(Rule.Common.glob(g, n)).as(g + " ~ " + n).isEqualTo(reference.matcher(n).matches());
            }
        }
    }
}
