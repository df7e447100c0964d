package io.waypoint.fuzz;

import io.waypoint.config.ConfigException;
import io.waypoint.fuzz.ConfigFileGenerator.Key;
import io.waypoint.fuzz.ConfigFileGenerator.Process;
import io.waypoint.fuzz.ConfigFileGenerator.Type;
import io.waypoint.gateway.GatewayConfigReading;
import io.waypoint.kiosk.KioskConfigReading;
import io.waypoint.well.WellConfigReading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Command lines of the entry points: the fuzz input is the arguments separated by NUL bytes (as in
 * {@code /proc/PID/cmdline}: an argument cannot hold a NUL). They go to the reader of the process
 * they are for (the others' too for one input in four): {@link io.waypoint.config.CommandLine}
 * with its options, then the process's config. A
 * {@code --config} never names a file of the fuzz: its value picks one of a few files the target
 * wrote (a well's, a kiosk's, a gateway's config, one that is not UTF-8, a directory, one missing),
 * so no input reads what it names. A {@link ConfigException} is the documented reject.
 */
public final class CommandLineTarget implements FuzzTarget {
    private static final int MAX_BYTES = 8 * 1024;
    private static final List<String> OPTIONS = List.of("--broker", "--site", "--node", "--data", "--hal", "--scenario", "--speed",
            "--config", "--id", "--embedded", "--follow");
    private final List<Path> configs;

    public CommandLineTarget() {
        this.configs = writeConfigs();
    }

    /** The files a {@code --config} may name, in a directory of their own removed when the JVM ends. */
    private static List<Path> writeConfigs() {
        try {
            Path dir = Files.createTempDirectory("waypoint-fuzz-args");
            dir.toFile().deleteOnExit();
            List<byte[]> seeds = ConfigFileGenerator.seeds();
            Map<String, byte[]> files = Map.of("well.conf", seeds.get(0), "gateway.conf", seeds.get(1), "kiosk.conf", seeds.get(2),
                    "not-utf8.conf", new byte[] {'s', 'i', 't', 'e', '=', (byte) 0xFF});
            List<Path> paths = new ArrayList<>();
            for (String name : List.of("well.conf", "gateway.conf", "kiosk.conf", "not-utf8.conf")) {
                Path f = dir.resolve(name);
                Files.write(f, files.get(name));
                f.toFile().deleteOnExit();
                paths.add(f);
            }
            Path sub = Files.createDirectory(dir.resolve("a-directory.conf"));
            sub.toFile().deleteOnExit();
            paths.add(sub);
            paths.add(dir.resolve("missing.conf"));
            return List.copyOf(paths);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the command line target's config files", e);
        }
    }

    @Override
    public String name() {
        return "command-line";
    }

    @Override
    public String describe() {
        return "entry point arguments (CommandLine, ConfigFile.read, Settings, the three processes' configs)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public List<byte[]> seeds() {
        return List.of(args("--broker", "tcp://127.0.0.1:1883", "--site", "la-gloria", "--node", "well-01"),
                args("--broker", "tcp://127.0.0.1:1883", "--embedded", "true", "--data", "/var/lib/waypoint/gateway"),
                args("--config", "kiosk.conf", "--hal", "sim", "--scenario", "busy-kiosk", "--speed", "60"),
                args("--broker=ssl://gw:8883", "--site=la-gloria", "--node=well-02", "--config=well.conf"));
    }

    @Override
    public byte[] generate(SplittableRandom r) {
        List<String> args = new ArrayList<>();
        int n = r.nextInt(8) == 0 ? r.nextInt(0, 40) : r.nextInt(1, 8);
        for (int i = 0; i < n; i++) {
            String option = r.nextInt(15) == 0 ? HostileValues.pick(r, List.of("--brokr", "-broker", "--", "-", "--BROKER", "broker",
                    "--config=", "--speed=", "--=x", "--site==x")) : HostileValues.pick(r, OPTIONS);
            String value = switch (option) {
                case "--broker" -> ConfigFileGenerator.value(r, Key.of("broker.url", Type.URI), r.nextInt(4) > 0);
                case "--site", "--node", "--id" -> ConfigFileGenerator.value(r, Key.of("site", Type.ID), r.nextInt(4) > 0);
                case "--data" -> ConfigFileGenerator.value(r, Key.of("data.dir", Type.PATH), r.nextInt(4) > 0).replace("\u0000", "");
                case "--hal" -> ConfigFileGenerator.value(r, Key.choice("hal.mode", "board", "sim"), r.nextInt(4) > 0);
                case "--speed" -> ConfigFileGenerator.value(r, Key.of("sim.speed", Type.NUMBER), r.nextInt(4) > 0);
                case "--embedded", "--follow" -> ConfigFileGenerator.value(r, Key.of("log.follow", Type.BOOL), r.nextInt(4) > 0);
                case "--config" -> HostileValues.pick(r, List.of("well.conf", "gateway.conf", "kiosk.conf", "x", "/etc/shadow"));
                default -> HostileValues.text(r).replace("\u0000", "");
            };
            if (r.nextInt(6) == 0 && option.startsWith("--")) {
                args.add(option + "=" + value);
            } else {
                args.add(option);
                if (r.nextInt(12) > 0) {
                    args.add(value);
                }
            }
        }
        return args(args.toArray(String[]::new));
    }

    @Override
    public List<byte[]> dictionary() {
        List<byte[]> words = new ArrayList<>();
        OPTIONS.forEach(o -> words.add((o + "\u0000").getBytes(StandardCharsets.UTF_8)));
        words.add(new byte[] {0});
        words.add("=".getBytes(StandardCharsets.UTF_8));
        return words;
    }

    @Override
    public Outcome run(byte[] input) {
        String[] args = withOurConfigs(split(input));
        Process process = processOf(args);
        Outcome outcome = null;
        // the other processes' readers refuse most of it as unknown options: now and then is enough
        boolean all = FuzzTarget.deliveryRandom(input).nextInt(4) == 0;
        for (Process p : Process.values()) {
            if (p != process && !all) {
                continue;
            }
            Outcome o;
            try {
                switch (p) {
                    case GATEWAY -> GatewayConfigReading.fromArgs(args.clone());
                    case WELL -> WellConfigReading.fromArgs(args.clone());
                    case KIOSK -> KioskConfigReading.fromArgs(args.clone());
                }
                o = Outcome.accepted(p.name().toLowerCase() + " command line");
            } catch (ConfigException e) {
                o = ConfigFileTarget.rejected(p.name().toLowerCase(), e);
            }
            if (p == process) {
                outcome = o;
            }
        }
        return outcome;
    }

    /** The gateway's options say a gateway; a config file of a kiosk, a kiosk; the rest, a well. */
    private Process processOf(String[] args) {
        for (String a : args) {
            if (a.startsWith("--id") || a.startsWith("--embedded") || a.startsWith("--follow") || a.equals(configs.get(1).toString())) {
                return Process.GATEWAY;
            }
            if (a.equals(configs.get(2).toString())) {
                return Process.KIOSK;
            }
        }
        return Process.WELL;
    }

    /** Every {@code --config} value replaced by one of the target's own files, chosen by the value. */
    private String[] withOurConfigs(String[] args) {
        String[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i].equals("--config") && i + 1 < out.length && !out[i + 1].startsWith("--")) {
                out[i + 1] = ours(out[i + 1]);
                i++;
            } else if (out[i].startsWith("--config=")) {
                out[i] = "--config=" + ours(out[i].substring("--config=".length()));
            }
        }
        return out;
    }

    private String ours(String named) {
        for (Path p : configs) {
            if (p.getFileName().toString().equals(named)) {
                return p.toString();
            }
        }
        return configs.get(Math.floorMod(named.hashCode(), configs.size())).toString();
    }

    private static String[] split(byte[] input) {
        if (input.length == 0) {
            return new String[0];
        }
        return new String(input, StandardCharsets.UTF_8).split("\u0000", -1);
    }

    private static byte[] args(String... args) {
        return String.join("\u0000", args).getBytes(StandardCharsets.UTF_8);
    }
}
