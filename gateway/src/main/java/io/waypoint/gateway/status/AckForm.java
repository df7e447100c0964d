package io.waypoint.gateway.status;

import io.waypoint.wire.AlertAck;
import io.waypoint.wire.AlertAckTopic;
import io.waypoint.wire.PrivacyGuard;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code POST /ack} asks, decided from its bytes and headers alone: pure, so every way it can
 * be refused is tested (and fuzzed) without a server. Refusals are one line, say what to do, and
 * never repeat the name typed (it is only shown back where it was acknowledged).
 */
final class AckForm {
    /** Longer forms are refused: a site, a key, a name and a token fit in far less. */
    static final int MAX_BYTES = 4096;

    private AckForm() {}

    /** What to do with the request. */
    sealed interface Decision permits Accepted, Refused {}

    /** Hand {@code ack} of {@code site} to the gateway, then send the browser back to the page in {@code lang}. */
    record Accepted(String site, AlertAck ack, Lang lang) implements Decision {}

    /** Answer {@code status} with {@code reason}. */
    record Refused(int status, String reason) implements Decision {}

    /**
     * @param body the form as received, at most {@link #MAX_BYTES} + 1 bytes (more is refused unread)
     */
    static Decision decide(RequestGuard guard, String host, String origin, byte[] body) {
        if (body.length > MAX_BYTES) {
            return new Refused(413, "the form is longer than " + MAX_BYTES + " bytes: use the form on the status page");
        }
        Map<String, String> f = fields(new String(body, StandardCharsets.ISO_8859_1));
        Optional<String> refused = guard.refusePost(host, origin, f.get("token"));
        if (refused.isPresent()) {
            return new Refused(refused.get().startsWith("the status page is not served") ? 421 : 403, refused.get());
        }
        String site = f.getOrDefault("site", "");
        String key = f.getOrDefault("key", "");
        String by = f.getOrDefault("by", "").strip();
        try {
            new AlertAck("rule.node", by);
        } catch (IllegalArgumentException e) {
            return new Refused(400, "not acknowledged: your name must be 1 to " + AlertAck.MAX_BY
                    + " characters without control characters; go back and try again");
        }
        if (PrivacyGuard.identifyingValue(by)) {
            // it would go to every member of staff on alerts/events: a name or initials, never a number that reaches a person
            return new Refused(400, "not acknowledged: give a name or initials, not a phone number or an address; go back and "
                    + "try again");
        }
        try {
            new AlertAckTopic(site);
            return new Accepted(site, new AlertAck(key, by), Lang.choose(f.get("lang"), null));
        } catch (IllegalArgumentException e) {
            return new Refused(400, "not acknowledged: this form does not name an alert of a site (reload the page and use the form "
                    + "beside the alert)");
        }
    }

    /**
     * {@code application/x-www-form-urlencoded} (or a query string): the first value of each name. The
     * bytes are read one to one as characters and the escapes decoded as UTF-8, as browsers send it; a
     * malformed escape leaves that field out.
     */
    static Map<String, String> fields(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                m.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a malformed escape: that field is left out, and what it was for is refused as missing
            }
        }
        return m;
    }
}
