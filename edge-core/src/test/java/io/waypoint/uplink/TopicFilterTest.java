package io.waypoint.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFilterTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "wp/v1/+/+/telemetry, wp/v1/s1/well-01/telemetry, true",
            "wp/v1/+/+/telemetry, wp/v1/s1/well-01/events, false",
            "wp/v1/+/+/telemetry, wp/v1/s1/telemetry, false",
            "wp/v1/+/+/telemetry, wp/v1/s1/well-01/telemetry/x, false",
            "wp/v1/#, wp/v1, true",
            "wp/v1/#, wp/v1/a/b/c, true",
            "wp/v1/#, wp/v2/a, false",
            "#, wp/v1/a, true",
            "#, $SYS/broker/uptime, false",
            "+/broker/uptime, $SYS/broker/uptime, false",
            "$SYS/broker/connection/+/state, $SYS/broker/connection/head-office/state, true",
            "a/+, a/, true",
            "a/+, a, false",
            "+, a, true",
            "+, a/b, false",
            "+/+, /a, true",
            "a/b, a/b, true",
            "a/b, a/bc, false",
            "a/bc, a/b, false",
            "$share/gateways/wp/v1/+/+/telemetry, wp/v1/s/n/telemetry, true",
            "$share/gateways/wp/v1/+/+/telemetry, wp/v1/s/n/state, false",
    })
    void matchesAsMqtt311Says(String filter, String topic, boolean expected) {
        assertThat(TopicFilter.of(filter).matches(topic)).isEqualTo(expected);
    }

    @Test
    void agreesWithTheSpecsRulesAppliedLevelByLevelOnRandomFiltersAndTopics() {
        Random r = new Random(42);
        String[] words = {"a", "b", "", "wp", "$SYS", "x1"};
        for (int i = 0; i < 20_000; i++) {
            List<String> f = new ArrayList<>();
            int levels = 1 + r.nextInt(4);
            for (int l = 0; l < levels; l++) {
                int k = r.nextInt(10);
                f.add(k < 2 ? "+" : k == 2 && l == levels - 1 ? "#" : words[r.nextInt(words.length)]);
            }
            List<String> t = new ArrayList<>();
            int tl = 1 + r.nextInt(5);
            for (int l = 0; l < tl; l++) {
                t.add(words[r.nextInt(words.length)]);
            }
            String filter = String.join("/", f);
            String topic = String.join("/", t);
            if (filter.isEmpty()) {
                continue;
            }
            assertThat(TopicFilter.of(filter).matches(topic)).as("%s against %s", filter, topic)
                    .isEqualTo(bySplitting(filter, topic));
        }
    }

    /** The rules of MQTT 3.1.1 section 4.7 as plainly as they can be written: split both, compare level by level. */
    private static boolean bySplitting(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    @Test
    void refusesAWildcardThatDoesNotFillItsLevelOrAHashBeforeTheEnd() {
        assertThatThrownBy(() -> TopicFilter.of("wp/v1/a+/x")).hasMessageContaining("whole level");
        assertThatThrownBy(() -> TopicFilter.of("wp/#/x")).hasMessageContaining("last level");
        assertThatThrownBy(() -> TopicFilter.of("")).hasMessageContaining("empty");
    }
}
