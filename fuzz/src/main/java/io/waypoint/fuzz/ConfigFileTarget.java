package io.waypoint.fuzz;

import io.waypoint.config.ConfigException;
import io.waypoint.config.ConfigFile;
import io.waypoint.fuzz.ConfigFileGenerator.Process;
import io.waypoint.gateway.GatewayConfigReading;
import io.waypoint.kiosk.KioskConfigReading;
import io.waypoint.well.WellConfigReading;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Config files: the fuzz input is a file's bytes, read as {@link ConfigFile#parse(String, byte[])}
 * reads them (UTF-8 or refused), then by each process's own reader (the gateway's, a well's, a
 * kiosk's: {@link io.waypoint.config.Settings} and its typed getters, unknown keys refused): the
 * reader of the process the file is for always, the others for one input in four. A
 * {@link ConfigException} is the documented reject, and its message must stay one line (an entry
 * point prints it and exits 2). The outcome is that of the process the file is for, told by its keys.
 */
public final class ConfigFileTarget implements FuzzTarget {
    private static final int MAX_BYTES = 32 * 1024;

    @Override
    public String name() {
        return "config";
    }

    @Override
    public String describe() {
        return "config files (ConfigFile, Settings, GatewayConfig, WellNodeConfig, KioskConfig, NodeSettings)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public List<byte[]> seeds() {
        return ConfigFileGenerator.seeds();
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return ConfigFileGenerator.generate(random, Process.values()[random.nextInt(3)]);
    }

    @Override
    public List<byte[]> dictionary() {
        List<byte[]> words = new ArrayList<>();
        for (Process p : Process.values()) {
            ConfigFileGenerator.keys(p).forEach(k -> words.add(ConfigFileGenerator.b(k.name() + " = ")));
        }
        for (String s : List.of("[", "]", "[broker]", "[rule x]", " = ", " # ", "\n", "\r\n", "0x", "ms", "min", "KiB", "tcp://", "\u0000")) {
            words.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return words;
    }

    @Override
    public Outcome run(byte[] input) {
        ConfigFile file;
        Process process;
        try {
            file = ConfigFile.parse("fuzz.conf", input);
            process = processOf(file.flat());
        } catch (ConfigException e) {
            return rejected("file", e);
        }
        Outcome outcome = null;
        // the other processes' readers refuse most of it as unknown keys: now and then is enough
        boolean all = FuzzTarget.deliveryRandom(input).nextInt(4) == 0;
        for (Process p : Process.values()) {
            if (p != process && !all) {
                continue;
            }
            Outcome o;
            try {
                switch (p) {
                    case GATEWAY -> GatewayConfigReading.fromFile(file);
                    case WELL -> WellConfigReading.fromFile(file);
                    case KIOSK -> KioskConfigReading.fromFile(file);
                }
                o = Outcome.accepted(p.name().toLowerCase() + " config");
            } catch (ConfigException e) {
                o = rejected(p.name().toLowerCase(), e);
            }
            if (p == process) {
                outcome = o;
            }
        }
        return outcome;
    }

    /** The process a file is for: the gateway's and the kiosk's keys are their own; the rest is a well's. */
    static Process processOf(Map<String, ConfigFile.Entry> keys) {
        for (String k : keys.keySet()) {
            if (k.startsWith("gateway.") || k.startsWith("alerts.") || k.startsWith("stats.") || k.startsWith("rules.")) {
                return Process.GATEWAY;
            }
        }
        for (String k : keys.keySet()) {
            if (k.startsWith("charging.") || k.startsWith("calls.") || k.startsWith("wifi.") || k.startsWith("power.")
                    || k.startsWith("panel.")) {
                return Process.KIOSK;
            }
        }
        return Process.WELL;
    }

    /** A refusal, whose message an entry point prints as one line before it exits with 2. */
    public static Outcome rejected(String who, ConfigException e) {
        String m = e.getMessage();
        InvariantViolation.check(m.indexOf('\n') < 0 && m.indexOf('\r') < 0, () -> "a config error of more than one line: " + m);
        return Outcome.rejected(who + ": " + e.expected());
    }
}
