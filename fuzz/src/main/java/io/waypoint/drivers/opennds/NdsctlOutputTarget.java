package io.waypoint.drivers.opennds;

import io.waypoint.fuzz.FuzzTarget;
import io.waypoint.fuzz.InvariantViolation;
import io.waypoint.fuzz.Outcome;
import io.waypoint.fuzz.SteppedClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code ndsctl json} output: the fuzz input is what ndsctl printed, decoded as the adapter decodes
 * it. It goes through the adapter's verdict ({@link NdsctlVerdict}; now and then those of auth and
 * deauth too), the real {@link ClientListJson} and {@link JsonReader}, and then into
 * {@link OpenNds#update}, which turns the
 * list into anonymous clients with handles and connection times, twice (the second time as the next
 * poll, finding the same phones). A {@link JsonReader.Malformed} is the documented reject.
 */
public final class NdsctlOutputTarget implements FuzzTarget {
    // 250 clients print about 250 kB; the generator stays far below, the mutator may go past
    private static final int MAX_BYTES = 128 * 1024;
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Override
    public String name() {
        return "opennds";
    }

    @Override
    public String describe() {
        return "ndsctl json output (NdsctlVerdict, JsonReader, ClientListJson, OpenNds.update)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public List<byte[]> seeds() {
        return NdsctlJsonGenerator.seeds();
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return NdsctlJsonGenerator.output(random);
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of("{", "}", "[", "]", "\"", ",", ":", "\\u", "\\", "\"mac\":", "\"clients\":", "\"state\":\"Authenticated\"",
                "\"session_start\":", "\"duration\":", "\"download_this_session\":", "\"downloaded\":", "\"null\"")
                .stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public Outcome run(byte[] input) throws Exception {
        String output = new String(input, StandardCharsets.UTF_8);
        // the adapter's verdict on a json call; the auth and deauth verdicts (other outputs, same words) and
        // the redaction of what an error message may quote (the first line, cut to 160 characters) now and then
        NdsctlVerdict.ofJson(new NdsctlRun(0, output, false));
        if (FuzzTarget.deliveryRandom(input).nextInt(8) == 0) {
            NdsctlVerdict.ofAuth(new NdsctlRun(0, output, false));
            NdsctlVerdict.ofDeauth(new NdsctlRun(1, output, false));
            PhoneIdentifiers.redact(output.length() > 160 ? output.substring(0, 160) : output, Set.of("aa:bb:cc:dd:ee:01"));
        }
        List<NdsClient> listed;
        try {
            listed = ClientListJson.parse(output);
        } catch (JsonReader.Malformed e) {
            return Outcome.rejected(e.getMessage());
        }
        SteppedClock clock = new SteppedClock(NOW);
        OpenNds nds = new OpenNds(OpenNdsSettings.defaults(), clock, d -> { });
        ClientList first = nds.update(listed);
        clock.advance(Duration.ofSeconds(30));
        ClientList second = nds.update(listed);
        for (ClientList list : List.of(first, second)) {
            InvariantViolation.check(list.clients().size() <= listed.size(), "more clients than listed");
            for (Client c : list.clients()) {
                InvariantViolation.check(!c.connected().isNegative() && c.kbDown() >= 0 && c.kbUp() >= 0,
                        () -> "a client with a negative figure: " + c);
            }
        }
        InvariantViolation.check(first.clients().size() == second.clients().size(), "the same list gave other clients");
        for (int i = 0; i < first.clients().size(); i++) {
            InvariantViolation.check(first.clients().get(i).handle().equals(second.clients().get(i).handle()),
                    "a phone listed twice in a row got a new handle");
        }
        if (first.clients().isEmpty()) {
            return Outcome.accepted(listed.isEmpty() ? "no clients" : "clients without a MAC");
        }
        return Outcome.accepted(first.authenticated() > 0 ? "authenticated clients" : "clients");
    }
}
