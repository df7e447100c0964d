package io.waypoint.gateway.status;

import io.waypoint.gateway.status.SitePage.NodeLine;
import io.waypoint.gateway.status.SitePage.OpenAlert;
import io.waypoint.gateway.status.SitePage.ServiceLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Renders the status page: one HTML document with its CSS, its charts (SVG) and a few lines of
 * script inline, so it works with no internet and nothing else to fetch; laid out for a phone
 * (360 px) first. Pure: the same pages, language and zone give the same bytes. Every value that
 * came off the wire is escaped ({@link #escape}).
 */
final class StatusHtml {
    /**
     * Reloads the page every minute unless someone is typing a name into an acknowledgement form
     * (a reload would throw the typing away), and without the note of an acknowledgement just sent. Allowed by its
     * hash in the page's Content-Security-Policy.
     */
    static final String SCRIPT = "setInterval(function(){var a=document.activeElement;"
            + "if(!(a&&a.tagName==='INPUT'&&a.value)){location.replace(location.pathname"
            + "+location.search.replace(/[?&]acked=[^&]*/,''));}},60000);";
    /** The Content-Security-Policy value that lets exactly the page's own style and script run, and forms post only to it. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"
            + sha256(SCRIPT) + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String[] COLOURS = {"#1565c0", "#6a1b9a", "#00838f", "#ef6c00", "#2e7d32", "#ad1457"};
    private static final String STYLE = """
            body{font:16px/1.4 system-ui,sans-serif;margin:0;padding:8px;color:#111;background:#fafafa;max-width:720px}
            h1{font-size:1.3em;margin:4px 0}h2{font-size:1.2em;margin:16px 0 4px;border-bottom:2px solid #333}
            h3{font-size:1em;margin:12px 0 4px}.meta{color:#555;font-size:.9em;margin:0}
            ul{list-style:none;padding:0;margin:0}li{padding:6px 8px;margin:4px 0;border-radius:4px;background:#fff;border:1px solid #ddd}
            .up{border-left:8px solid #2e7d32}.down{border-left:8px solid #c62828;font-weight:bold}.no_data{border-left:8px solid #9e9e9e}
            .alert.critical{border-left:8px solid #c62828}.alert.warning{border-left:8px solid #ef6c00}.alert.info{border-left:8px solid #1565c0}
            .sev{font-weight:bold;text-transform:uppercase;font-size:.8em}.age,.by{color:#444;font-size:.9em;display:block}
            form{margin-top:4px;display:flex;gap:4px;flex-wrap:wrap}input[name=by]{flex:1;min-width:8em;font-size:1em;padding:6px}
            button{font-size:1em;padding:6px 10px}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:4px;border-bottom:1px solid #ddd}
            svg{width:100%;height:auto;background:#fff;border:1px solid #ddd}.legend span{margin-right:8px;font-size:.9em}
            .off{color:#c62828}.done{background:#e8f5e9;padding:6px}
            """;

    private StatusHtml() {}

    /**
     * @param gatewayId names the gateway in the header
     * @param token     the form token every acknowledgement must carry back (see {@link RequestGuard})
     * @param notice    a line to show at the top (e.g. an acknowledgement was sent), or null; escaped
     */
    static String render(String gatewayId, Instant now, List<SitePage> sites, Lang lang, ZoneId zone, String token, String notice) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT).withZone(zone);
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!doctype html><html lang=\"").append(lang.tag()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(escape(lang.t("title"))).append("</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>").append(escape(lang.t("title"))).append("</h1><p class=\"meta\" id=\"updated\">")
                .append(escape(lang.t("updated", gatewayId, time.format(now)))).append("</p>");
        if (notice != null) {
            b.append("<p class=\"done\" id=\"notice\">").append(escape(notice)).append("</p>");
        }
        if (sites.isEmpty()) {
            b.append("<p>").append(escape(lang.t("no_sites"))).append("</p>");
        }
        for (SitePage p : sites) {
            site(b, p, lang, time, token);
        }
        b.append("<script>").append(SCRIPT).append("</script></body></html>");
        return b.toString();
    }

    private static void site(StringBuilder b, SitePage p, Lang lang, DateTimeFormatter time, String token) {
        b.append("<section class=\"site\" data-site=\"").append(escape(p.site())).append("\"><h2>").append(escape(p.site())).append("</h2>");
        b.append("<h3>").append(escape(lang.t("services"))).append("</h3><ul class=\"services\">");
        for (ServiceLine s : p.services()) {
            b.append("<li class=\"service ").append(s.state().name().toLowerCase(Locale.ROOT)).append("\" data-service=\"")
                    .append(s.service().name().toLowerCase(Locale.ROOT)).append("\"><b>").append(escape(lang.t(s.service().name())))
                    .append("</b>: ").append(escape(serviceText(s, p.now(), lang))).append("</li>");
        }
        b.append("</ul><h3>").append(escape(lang.t("alerts"))).append("</h3>");
        if (p.alerts().isEmpty()) {
            b.append("<p class=\"no-alerts\">").append(escape(lang.t("no_alerts"))).append("</p>");
        } else {
            b.append("<ul class=\"alerts\">");
            for (OpenAlert a : p.alerts()) {
                alert(b, p.site(), a, lang, time, token);
            }
            b.append("</ul>");
        }
        String chartEnd = time.format(p.turbidity().to());
        b.append("<h3>").append(escape(lang.t("chart", chartEnd))).append("</h3>");
        chart(b, p.turbidity(), lang.t("turbidity"), "turbidity", lang, time);
        chart(b, p.flow(), lang.t("flow"), "flow", lang, time);
        b.append("<h3>").append(escape(lang.t("nodes"))).append("</h3><table class=\"nodes\"><tr><th>")
                .append(escape(lang.t("node"))).append("</th><th>").append(escape(lang.t("contact"))).append("</th></tr>");
        for (NodeLine n : p.nodes()) {
            b.append("<tr data-node=\"").append(escape(n.node())).append("\"><td>").append(escape(n.node())).append(" <span class=\"")
                    .append(n.online() ? "on" : "off").append("\">").append(escape(lang.t(n.online() ? "online" : "offline")))
                    .append("</span></td><td>").append(escape(lang.t("ago", duration(n.ago(), lang)))).append(" (")
                    .append(escape(time.format(n.lastContact()))).append(", ").append(escape(lang.t("boot", n.boot()))).append(")</td></tr>");
        }
        b.append("</table></section>");
    }

    static String serviceText(ServiceLine s, Instant now, Lang lang) {
        return switch (s.state()) {
            case UP -> switch (s.service()) {
                case CHARGING -> lang.t("up.CHARGING", s.portsFree(), s.portsTotal());
                case WATER -> lang.t("up.WATER", number(s.ntu()));
                default -> lang.t("up." + s.service().name());
            };
            case DOWN -> switch (s.why()) {
                case TURBID -> lang.t("TURBID", s.detail() == null ? "?" : number(Double.parseDouble(s.detail())));
                case MODEM_FAULT, NO_NETWORK, SENSOR_FAULT -> lang.t(s.why().name(), s.detail());
                default -> lang.t(s.why().name());
            };
            case NO_DATA -> lang.t("no_data", lang.t("ago", duration(Duration.between(s.asOf(), now), lang)));
        };
    }

    private static void alert(StringBuilder b, String site, OpenAlert a, Lang lang, DateTimeFormatter time, String token) {
        b.append("<li class=\"alert ").append(escape(a.severity())).append("\" data-key=\"").append(escape(a.key()))
                .append("\" data-state=\"").append(escape(a.state())).append("\"><span class=\"sev\">").append(escape(word(lang, a.severity())))
                .append("</span> <span class=\"msg\">").append(escape(a.message())).append("</span><span class=\"age\">")
                .append(escape(lang.t("raised", duration(a.age(), lang)))).append(" (").append(escape(time.format(a.raised())))
                .append(")</span>");
        if (a.acknowledged()) {
            b.append("<span class=\"by\">").append(escape(lang.t("acked_by", a.by() == null ? "?" : a.by()))).append("</span>");
        } else {
            if (a.state().equals("escalated")) {
                b.append("<span class=\"by\">").append(escape(lang.t("escalated"))).append("</span>");
            }
            b.append("<form method=\"post\" action=\"/ack\"><input type=\"hidden\" name=\"site\" value=\"").append(escape(site))
                    .append("\"><input type=\"hidden\" name=\"key\" value=\"").append(escape(a.key()))
                    .append("\"><input type=\"hidden\" name=\"token\" value=\"").append(escape(token))
                    .append("\"><input type=\"hidden\" name=\"lang\" value=\"").append(lang.tag())
                    .append("\"><input name=\"by\" required maxlength=\"64\" autocomplete=\"name\" placeholder=\"")
                    .append(escape(lang.t("your_name"))).append("\" aria-label=\"").append(escape(lang.t("your_name")))
                    .append("\"><button type=\"submit\">").append(escape(lang.t("ack"))).append("</button></form>");
        }
        b.append("</li>");
    }

    private static String word(Lang lang, String wire) {
        try {
            return lang.t(wire);
        } catch (IllegalArgumentException e) {
            return wire; // a severity of a newer version's: shown as sent (escaped by the caller)
        }
    }

    /** The chart as inline SVG: 360 by 150 units, scaled to the width it is given. */
    private static void chart(StringBuilder b, Chart c, String title, String id, Lang lang, DateTimeFormatter time) {
        final double left = 34;
        final double right = 352;
        final double top = 18;
        final double bottom = 128;
        b.append("<figure class=\"chart\" id=\"chart-").append(id).append("\" style=\"margin:0 0 8px\">");
        if (c.isEmpty()) {
            b.append("<figcaption>").append(escape(title)).append(": ").append(escape(lang.t("no_readings"))).append("</figcaption></figure>");
            return;
        }
        long from = c.from().toEpochMilli();
        double span = Math.max(1, c.to().toEpochMilli() - from);
        b.append("<svg viewBox=\"0 0 360 150\" role=\"img\" aria-label=\"").append(escape(title)).append("\">")
                .append("<text x=\"").append(left).append("\" y=\"12\" font-size=\"11\">").append(escape(title)).append("</text>")
                .append("<line x1=\"").append(left).append("\" y1=\"").append(bottom).append("\" x2=\"").append(right).append("\" y2=\"")
                .append(bottom).append("\" stroke=\"#999\"/>")
                .append("<text x=\"").append(left - 3).append("\" y=\"").append(top + 4).append("\" font-size=\"10\" text-anchor=\"end\">")
                .append(number(c.yMax())).append("</text><text x=\"").append(left - 3).append("\" y=\"").append(bottom)
                .append("\" font-size=\"10\" text-anchor=\"end\">0</text>");
        for (double limit : c.limits()) {
            double y = bottom - (bottom - top) * limit / c.yMax();
            b.append("<line class=\"limit\" x1=\"").append(left).append("\" x2=\"").append(right).append("\" y1=\"").append(px(y))
                    .append("\" y2=\"").append(px(y)).append("\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/><text x=\"")
                    // inside the plot, above its line at the right: clear of the scale's own 0 on the left
                    .append(right - 2).append("\" y=\"").append(px(y - 2)).append("\" font-size=\"10\" text-anchor=\"end\" fill=\"#c62828\">")
                    .append(number(limit)).append(' ').append(escape(c.unit())).append("</text>");
        }
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(time.getZone());
        b.append("<text x=\"").append(left).append("\" y=\"144\" font-size=\"10\">").append(hm.format(c.from()))
                .append("</text><text x=\"").append(right).append("\" y=\"144\" font-size=\"10\" text-anchor=\"end\">")
                .append(hm.format(c.to())).append("</text>");
        int i = 0;
        for (Chart.Series s : c.series()) {
            String colour = COLOURS[i++ % COLOURS.length];
            for (List<Chart.Point> run : s.runs()) {
                b.append(run.size() == 1 ? "<circle" : "<polyline").append(" class=\"series\" data-node=\"").append(escape(s.node()))
                        .append("\" fill=\"").append(run.size() == 1 ? colour : "none").append("\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"1.5\"");
                if (run.size() == 1) {
                    Chart.Point p = run.get(0);
                    b.append(" r=\"2\" cx=\"").append(px(left + (right - left) * (p.t().toEpochMilli() - from) / span)).append("\" cy=\"")
                            .append(px(bottom - (bottom - top) * Math.min(p.v(), c.yMax()) / c.yMax())).append("\"/>");
                    continue;
                }
                b.append(" points=\"");
                for (Chart.Point p : run) {
                    b.append(px(left + (right - left) * (p.t().toEpochMilli() - from) / span)).append(',')
                            .append(px(bottom - (bottom - top) * Math.min(p.v(), c.yMax()) / c.yMax())).append(' ');
                }
                b.append("\"/>");
            }
        }
        b.append("</svg><figcaption class=\"legend\">");
        i = 0;
        for (Chart.Series s : c.series()) {
            b.append("<span style=\"color:").append(COLOURS[i++ % COLOURS.length]).append("\">&#9632; ").append(escape(s.node()))
                    .append("</span>");
        }
        b.append("</figcaption></figure>");
    }

    /** A duration as people say it: under a minute, minutes, hours and minutes, days and hours. */
    static String duration(Duration d, Lang lang) {
        long min = Math.max(0, d.toMinutes());
        if (min < 1) {
            return lang.t("now");
        }
        if (min < 60) {
            return lang.t("min", min);
        }
        if (min < 48 * 60) {
            return lang.t("h", min / 60, min % 60);
        }
        return lang.t("d", min / (24 * 60), (min / 60) % 24);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text made safe for HTML content and quoted attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
