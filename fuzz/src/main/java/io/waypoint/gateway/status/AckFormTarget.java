package io.waypoint.gateway.status;

import io.waypoint.fuzz.FuzzTarget;
import io.waypoint.fuzz.HostileValues;
import io.waypoint.fuzz.InvariantViolation;
import io.waypoint.fuzz.Outcome;
import io.waypoint.wire.PrivacyGuard;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The status page's acknowledgement form ({@link AckForm#decide}, with {@link RequestGuard}): the
 * input is {@code HOST\nORIGIN\nBODY}, the Host and Origin headers (an empty Origin line: none) and
 * the form as posted; {@value #TOKEN} in the body stands for the page's token of the run, so inputs
 * reach past the token check. A refusal must be one line that repeats nothing identifying; an
 * acceptance must carry the token, no foreign Origin, and a name that identifies no one.
 */
public final class AckFormTarget implements FuzzTarget {
    static final String TOKEN = "@token@";
    private final RequestGuard guard = new RequestGuard(Set.of("gw.la-gloria.lan"), new SecureRandom());

    @Override
    public String name() {
        return "status-ack";
    }

    @Override
    public String describe() {
        return "the status page's acknowledgement form: Host, Origin and the posted body (AckForm, RequestGuard)";
    }

    @Override
    public int maxInputBytes() {
        return AckForm.MAX_BYTES + 600; // the server reads one byte past the limit; headers come before
    }

    @Override
    public List<byte[]> seeds() {
        return List.of(
                bytes("192.168.4.1:8080\nhttp://192.168.4.1:8080\nsite=la-gloria&key=turbidity_unsafe.well-01&token=" + TOKEN
                        + "&lang=es&by=Ana+M%C3%A9ndez"),
                bytes("gw.la-gloria.lan\n\nsite=la-gloria&key=node_offline.kiosk-01&token=" + TOKEN + "&by=JM"),
                bytes("[::1]:8080\nhttp://evil.example\nsite=la-gloria&key=a.b&token=" + TOKEN + "&by=x"));
    }

    @Override
    public byte[] generate(SplittableRandom r) {
        String host = HostileValues.pick(r, List.of("192.168.4.1:8080", "127.0.0.1", "[::1]:8080", "localhost", "gw.la-gloria.lan",
                "evil.example", "5551234567", "", "999.1.1.1", "[zz]", ":", "a:b:c"));
        String origin = HostileValues.pick(r, List.of("", "http://" + host, "null", "http://evil.example", "https://" + host));
        StringBuilder body = new StringBuilder();
        String[] names = {"site", "key", "by", "token", "lang", "x"};
        int fields = r.nextInt(7);
        for (int i = 0; i < fields; i++) {
            String name = names[r.nextInt(names.length)];
            String value = switch (name) {
                case "site" -> HostileValues.pick(r, List.of("la-gloria", "_gateway", "La+Gloria", "a".repeat(40), "%zz"));
                case "key" -> HostileValues.pick(r, List.of("turbidity_unsafe.well-01", "a.b", "%3Cb%3E", "x", ""));
                case "token" -> r.nextInt(4) == 0 ? "0".repeat(32) : TOKEN;
                case "lang" -> HostileValues.pick(r, List.of("es", "en", "xx", ""));
                default -> r.nextBoolean() ? HostileValues.text(r) : HostileValues.pick(r, List.of("Ana", "%2B52+55+1234+5678",
                        "x".repeat(65), "%01", "+", "192.168.4.20", "%F0%9F%98%80"));
            };
            body.append(i == 0 ? "" : "&").append(name).append('=').append(value);
        }
        return bytes(host + "\n" + origin + "\n" + body);
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of("site=", "key=", "by=", "token=", TOKEN, "lang=", "&", "%", "%0A", "\n", "http://", "la-gloria",
                        "turbidity_unsafe.well-01")
                .stream().map(AckFormTarget::bytes).toList();
    }

    @Override
    public Outcome run(byte[] input) {
        String all = new String(input, StandardCharsets.ISO_8859_1);
        String[] parts = all.split("\n", 3);
        String host = parts[0];
        String origin = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
        byte[] body = parts.length > 2 ? parts[2].replace(TOKEN, guard.token()).getBytes(StandardCharsets.ISO_8859_1) : new byte[0];
        AckForm.Decision d = AckForm.decide(guard, host, origin, body);
        if (d instanceof AckForm.Refused r) {
            InvariantViolation.check(r.reason() != null && !r.reason().isBlank() && r.reason().lines().count() == 1,
                    "a refusal that is not one line");
            InvariantViolation.check(!PrivacyGuard.identifyingValue(r.reason()), "a refusal that repeats an identifying value");
            InvariantViolation.check(Arrays.asList(400, 403, 413, 421).contains(r.status()), "an unexpected status " + r.status());
            return Outcome.rejected(r.reason());
        }
        AckForm.Accepted a = (AckForm.Accepted) d;
        InvariantViolation.check(AckForm.fields(new String(body, StandardCharsets.ISO_8859_1)).get("token").equals(guard.token()),
                "accepted without the page's token");
        InvariantViolation.check(origin == null || origin.equalsIgnoreCase("http://" + host.trim()), "accepted from another origin");
        InvariantViolation.check(!PrivacyGuard.identifyingValue(a.ack().by()), "accepted a name that identifies someone");
        return Outcome.accepted("acknowledgement");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
