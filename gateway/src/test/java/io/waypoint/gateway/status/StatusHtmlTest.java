package io.waypoint.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.service.ServiceAvailability.Service;
import io.waypoint.gateway.service.ServiceAvailability.Why;
import io.waypoint.gateway.status.SitePage.NodeLine;
import io.waypoint.gateway.status.SitePage.OpenAlert;
import io.waypoint.gateway.status.SitePage.ServiceLine;
import io.waypoint.gateway.status.SitePage.State;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusHtmlTest {
    static final Instant NOW = Instant.parse("2026-10-14T12:00:00Z");
    static final String EVIL = "<script>alert('x')</script>&\"";

    static Chart chart(String node) {
        return Chart.of("NTU", NOW.minus(Duration.ofDays(1)), NOW, Map.of(node, List.of(new Chart.Point(NOW.minusSeconds(1200), 2),
                new Chart.Point(NOW.minusSeconds(540), 7))), 6, List.of(1.0, 5.0), Duration.ofMinutes(20), Chart.Reduce.MAX);
    }

    static SitePage page(String message, String by, String detail, String node) {
        return new SitePage("la-gloria", NOW,
                List.of(new ServiceLine(Service.CALLS, State.DOWN, Why.MODEM_FAULT, detail, null, null, null, NOW),
                        new ServiceLine(Service.CHARGING, State.UP, Why.WORKS, null, 5, 8, null, NOW),
                        new ServiceLine(Service.WATER, State.NO_DATA, Why.WORKS, null, null, null, null, NOW.minus(Duration.ofMinutes(75)))),
                List.of(new OpenAlert("turbidity_unsafe.well-01", "well-01", "critical", "raised", message, null,
                                NOW.minus(Duration.ofMinutes(42)), Duration.ofMinutes(42)),
                        new OpenAlert("sensor_fault.well-02", "well-02", "warning", "acknowledged", "Sensor fault", by,
                                NOW.minus(Duration.ofHours(3)), Duration.ofHours(3))),
                List.of(new NodeLine(node, false, 3, NOW.minusSeconds(90), Duration.ofSeconds(90))), chart(node), chart(node));
    }

    @Test
    void everyValueFromTheWireIsEscaped() {
        String html = StatusHtml.render("gw-1", NOW, List.of(page(EVIL, EVIL, EVIL, EVIL)), Lang.EN, ZoneOffset.UTC, "t0k", EVIL);
        // the only script is the page's own
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).doesNotContain("alert('x')").doesNotContain("&\"");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        assertThat(html.indexOf("&lt;script&gt;")).isPositive();
        // in the message, the name of who acknowledged, a fault, a node name (table and chart legend) and the notice
        assertThat(html.split("&lt;script&gt;", -1).length - 1).isGreaterThanOrEqualTo(6);
    }

    @Test
    void thePageShowsServicesAlertsWithAgesAFormPerUnacknowledgedAlertChartsAndNodes() {
        String html = StatusHtml.render("gw-1", NOW, List.of(page("Water unsafe at well-01", "Ana", "fault:no_credit", "well-01")), Lang.EN,
                ZoneOffset.UTC, "t0k", null);
        assertThat(html).contains("<h2>la-gloria</h2>")
                .contains("Free calls</b>: not possible: modem fault:no_credit")
                .contains("Phone charging</b>: 5 of 8 ports free")
                .contains("Drinking water</b>: no recent report (last 1 h 15 min ago)")
                .contains("Water unsafe at well-01").contains("raised 42 min ago (2026-10-14 11:18 Z)")
                .contains("acknowledged by Ana").contains("raised 3 h 0 min ago")
                .contains("well-01 <span class=\"off\">offline</span>").contains("1 min ago");
        // one form, for the alert not yet acknowledged, carrying its key and the token
        assertThat(html.split("<form", -1)).hasSize(2);
        assertThat(html).contains("name=\"key\" value=\"turbidity_unsafe.well-01\"").contains("name=\"token\" value=\"t0k\"");
        assertThat(html).contains("<svg").contains("class=\"limit\"").contains("<polyline");
        assertThat(html).contains("name=\"viewport\"").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void spanishWhenTheBrowserPrefersIt() {
        assertThat(Lang.choose(null, "es-MX,es;q=0.9,en;q=0.8")).isEqualTo(Lang.ES);
        assertThat(Lang.choose(null, "fr-FR,en;q=0.8,es;q=0.5")).isEqualTo(Lang.EN);
        assertThat(Lang.choose("es", "en")).isEqualTo(Lang.ES);
        assertThat(Lang.choose("xx", null)).isEqualTo(Lang.EN);
        String html = StatusHtml.render("gw-1", NOW, List.of(page("Water unsafe at well-01", "Ana", "fault:no_credit", "well-01")), Lang.ES,
                ZoneOffset.UTC, "t0k", null);
        assertThat(html).contains("<html lang=\"es\"").contains("Llamadas gratuitas").contains("hace 42 min").contains("Atender")
                .contains("5 de 8 puertos libres");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(StatusHtml.duration(Duration.ofSeconds(59), Lang.EN)).isEqualTo("less than a minute");
        assertThat(StatusHtml.duration(Duration.ofMinutes(59), Lang.EN)).isEqualTo("59 min");
        assertThat(StatusHtml.duration(Duration.ofMinutes(61), Lang.EN)).isEqualTo("1 h 1 min");
        assertThat(StatusHtml.duration(Duration.ofHours(30), Lang.EN)).isEqualTo("30 h 0 min");
        assertThat(StatusHtml.duration(Duration.ofHours(50), Lang.EN)).isEqualTo("2 d 2 h");
    }

    @Test
    void theChartMapsValuesToTheScaleWithTheLimitsDrawn() {
        String html = StatusHtml.render("gw-1", NOW, List.of(page("m", "b", "fault:x", "well-01")), Lang.EN, ZoneOffset.UTC, "t", null);
        // yMax 10 over 110 units (18..128): 5 NTU at y 73, 7 NTU at 51; the last point sits at the right edge less 9 minutes
        assertThat(html).contains("y1=\"73.0\"").contains(",51.0 ");
    }

    @Test
    void theScriptIsAllowedByItsHashAndNothingElseIsLoaded() {
        assertThat(StatusHtml.CONTENT_SECURITY_POLICY).contains("default-src 'none'").contains("script-src 'sha256-")
                .contains("form-action 'self'").doesNotContain("unsafe-eval");
    }
}
