package io.waypoint.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entry point's options: {@code --config FILE} names the config file, and every other option
 * maps to a config key it overrides ({@code --broker URL} → {@code broker.url}), so a value has the
 * same checks whether it comes from the file or the command line. An unknown option, or one without
 * its value, is a {@link ConfigException} (exit code 2) that lists the options there are.
 */
public final class CommandLine {
    private final Map<String, String> optionToKey;

    /**
     * @param optionToKey e.g. {@code "--broker" → "broker.url"}; {@code --config} is always known
     */
    public CommandLine(Map<String, String> optionToKey) {
        this.optionToKey = new LinkedHashMap<>(optionToKey);
    }

    /** Reads the config file if one is named, then applies the other options over it. */
    public Settings parse(String... args) {
        Path config = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            String value = null;
            int eq = opt.indexOf('=');
            if (opt.startsWith("--") && eq > 0) {
                value = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            }
            if (!opt.equals("--config") && !optionToKey.containsKey(opt)) {
                throw new ConfigException("command line", opt, value, "one of --config, " + String.join(", ", optionToKey.keySet()));
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new ConfigException("command line", opt, null, "a value after " + opt);
                }
                value = args[++i];
            }
            if (opt.equals("--config")) {
                config = Path.of(value);
            } else {
                overrides.put(optionToKey.get(opt), value);
            }
        }
        Settings s = config == null ? Settings.empty() : Settings.of(ConfigFile.read(config));
        overrides.forEach(s::override);
        return s;
    }
}
