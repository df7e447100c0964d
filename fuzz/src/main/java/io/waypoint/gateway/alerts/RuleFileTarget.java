package io.waypoint.gateway.alerts;

import io.waypoint.config.ConfigException;
import io.waypoint.fuzz.ConfigFileTarget;
import io.waypoint.fuzz.FuzzTarget;
import io.waypoint.fuzz.InvariantViolation;
import io.waypoint.fuzz.Outcome;
import io.waypoint.wire.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Alert rules files: the fuzz input is a rules file's bytes, read as {@link RuleBook#load} reads a
 * file ({@link RuleBook#parse(String, byte[])}). A book that loads is put to work: a fresh
 * {@link AlertEngine} judges an hour of telemetry (every ten minutes) from a well, a kiosk and a node
 * with the longest name an id allows, with ticks, a staff acknowledgement, and its saved state restored. A
 * {@link ConfigException} is the documented reject.
 */
public final class RuleFileTarget implements FuzzTarget {
    private static final int MAX_BYTES = 32 * 1024;
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
    // the longest node id there is: a rule's node globs are matched against every node's name
    private static final List<String> NODES = List.of("well-01", "kiosk-01", "a".repeat(32));

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public String describe() {
        return "alert rules files (RuleBook, ConfigFile, Settings), then the rules at work (AlertEngine, Rule)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public int typicalInputBytes() {
        return 4 * 1024; // rules enough of every kind: the whole shipped file (9 kB) comes with the long inputs
    }

    @Override
    public List<byte[]> seeds() {
        return List.of(RuleFileGenerator.shipped());
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return RuleFileGenerator.rules(random);
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of("[rule ", "]\n", "kind = ", "metric = ", "above = ", "below = ", "for = ", "nodes = ", "*", "?", "hours = ",
                "zone = ", "message = ", "{value}", "{", "}", "escalate_after = never", "label = ", "not = ")
                .stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public Outcome run(byte[] input) {
        RuleBook book;
        try {
            book = RuleBook.parse("rules.conf", input);
        } catch (ConfigException e) {
            return ConfigFileTarget.rejected("rules", e);
        }
        List<Alert> transitions = new ArrayList<>();
        AlertEngine engine = new AlertEngine(book);
        for (int minute = 0; minute <= 60; minute += 10) {
            Instant t = T0.plus(Duration.ofMinutes(minute));
            for (int n = 0; n < NODES.size(); n++) {
                transitions.addAll(engine.observe(new Observation("la-gloria", NODES.get(n), t, t, numbers(minute, n), labels(minute, n))));
            }
            transitions.addAll(engine.tick(t.plusSeconds(30)));
        }
        transitions.addAll(engine.nodeState("la-gloria", "well-01", false, T0.plus(Duration.ofMinutes(61))));
        for (Alert a : List.copyOf(engine.active())) {
            transitions.addAll(engine.acknowledge(a.site(), a.key(), "ana", T0.plus(Duration.ofMinutes(62))));
        }
        transitions.addAll(engine.tick(T0.plus(Duration.ofHours(3))));
        String snapshot = engine.snapshot();
        try {
            AlertEngine.restore(book, snapshot);
        } catch (RuntimeException e) {
            throw new InvariantViolation("the alert engine's saved state does not restore: " + e);
        }
        return Outcome.accepted(transitions.isEmpty() ? "rules, no alert" : "rules, alerts");
    }

    /** Readings that cross every shipped threshold over the hour, and labels that go bad. */
    private static Map<String, Double> numbers(int minute, int node) {
        Map<String, Double> m = new LinkedHashMap<>();
        double rising = minute / 6.0 + node;
        m.put("turbidity_ntu.avg", rising);
        m.put("turbidity_ntu.max", rising * 1.5);
        m.put("flow_lpm.max", 12 - minute / 6.0);
        m.put("power.battery_v", 12.8 - minute / 30.0);
        m.put("charging.faults", minute > 30 ? 1.0 : 0.0);
        m.put("calls.signal_csq", minute > 40 ? 99.0 : 20 - minute / 3.0);
        m.put("cartridge_litres", 1000.0 * minute);
        m.put("cartridge_rated_litres", 50_000.0);
        m.put("interval_s", 60.0);
        return m;
    }

    private static Map<String, String> labels(int minute, int node) {
        boolean bad = minute >= 20 && node % 2 == 0;
        return Map.of("sensor", bad ? "fault:no_reply" : "ok", "calls.modem", bad ? "fault:no_credit" : "ok", "calls.network",
                bad ? "searching" : "home", "wifi.uplink", bad ? "down" : "up", "power.shedding", bad ? "charging" : "none");
    }
}
