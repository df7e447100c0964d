package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.obs;
import static io.waypoint.gateway.alerts.Feed.of;
import static org.assertj.core.api.Assertions.assertThat;

/** The default cartridge_life rule: litres through the cartridge against its rated life, per node. */
class CartridgeRuleTest {
    private final AlertEngine engine = new AlertEngine(RuleBook.defaults());

    private static Observation well(String node, double minute, double cartridgeLitres, Double ratedLitres) {
        Map<String, Double> numbers = ratedLitres == null
                ? Map.of("cartridge_litres", cartridgeLitres, "interval_s", 60.0)
                : Map.of("cartridge_litres", cartridgeLitres, "cartridge_rated_litres", ratedLitres, "interval_s", 60.0);
        return obs(node, min(minute), numbers, Map.of("sensor", "ok"));
    }

    private List<Alert> cartridge(Observation o) {
        return of(engine.observe(o), "cartridge_life");
    }

    @Test
    void raisedOnceWhenTheCartridgePassesNinetyPercentOfItsRatedLife() {
        assertThat(cartridge(well("well-01", 0, 89_000, 100_000.0))).isEmpty();
        assertThat(cartridge(well("well-01", 1, 90_000, 100_000.0))).isEmpty();

        List<Alert> raised = cartridge(well("well-01", 2, 92_000, 100_000.0));

        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("cartridge_life.well-01");
            assertThat(a.state()).isEqualTo(AlertState.RAISED);
            assertThat(a.value()).isEqualTo(92_000.0);
            assertThat(a.message()).isEqualTo("Cartridge at well-01 (la-gloria) at 92 % of its rated 100,000 L: plan a replacement");
        });
        List<Alert> later = new ArrayList<>();
        for (int m = 3; m < 600; m++) {
            later.addAll(cartridge(well("well-01", m, 92_000 + 10 * m, 100_000.0)));
        }
        assertThat(later).isEmpty();
    }

    @Test
    void resolvedWhenANewCartridgeIsFitted() {
        cartridge(well("well-01", 0, 95_500, 100_000.0));

        List<Alert> replaced = cartridge(well("well-01", 1, 12, 100_000.0));

        assertThat(replaced).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.message()).isEqualTo("Resolved: Cartridge at well-01 (la-gloria) at 95 % of its rated 100,000 L: "
                    + "plan a replacement; now 0.01 % (12 L of 100,000 L)");
        });
        assertThat(engine.active()).isEmpty();
    }

    @Test
    void theRatedLifeIsEachNodesOwn() {
        // the same litres are 90 % of a small family filter and a tenth of a community one
        assertThat(cartridge(well("well-01", 0, 16_500, 18_000.0))).hasSize(1);
        assertThat(cartridge(well("well-02", 0, 16_500, 100_000.0))).isEmpty();
    }

    @Test
    void aNodeThatDoesNotReportItsRatedLifeIsNotJudged() {
        for (int m = 0; m < 10; m++) {
            assertThat(cartridge(well("well-01", m, 1e9, null))).isEmpty();
            assertThat(cartridge(well("well-02", m, 1e9, 0.0))).isEmpty();
        }
    }
}
