package io.waypoint.logging;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tinylog.configuration.Configuration;

/**
 * Where a process's log goes: the console (stderr, so a demo's stdout stays readable) and a rolling
 * file in the data dir, 5 MiB a file and 4 backups, so a box left alone for months never fills its
 * SD card with logs. Called once, first thing in {@code main}, before anything logs.
 *
 * <p>Nothing that identifies a person is ever logged (no dialled number, MAC, IP, IMEI), nor a
 * password: callers log counts, parts and values, not payloads.
 */
public final class LogSetup {
    private LogSetup() {}

    /**
     * For a short command that prints its answer on stdout (a report): warnings and errors on stderr
     * only, no file, so it writes nothing into the data dir of the process whose data it reads.
     */
    public static void stderrOnly() {
        Map<String, String> c = new HashMap<>();
        c.put("writer1", "console");
        c.put("writer1.stream", "err");
        c.put("writer1.level", "warn");
        c.put("writer1.format", "{level|min-size=5} {message}");
        Configuration.replace(c);
    }

    /**
     * @param app    the file name stem, e.g. "gateway" → {@code logs/gateway.log}
     * @param logDir created by tinylog when missing
     * @param level  trace, debug, info, warn or error
     */
    public static void init(String app, Path logDir, String level) {
        Map<String, String> c = new HashMap<>();
        c.put("writer1", "console");
        c.put("writer1.stream", "err");
        c.put("writer1.level", level);
        c.put("writer1.format", "{date:HH:mm:ss} {level|min-size=5} {message}");
        c.put("writer2", "rolling file");
        c.put("writer2.level", level);
        c.put("writer2.file", logDir.resolve(app + "-{count}.log").toString());
        c.put("writer2.latest", logDir.resolve(app + ".log").toString());
        c.put("writer2.policies", "startup, size: 5mb");
        c.put("writer2.backups", "4");
        c.put("writer2.charset", "UTF-8");
        c.put("writer2.format", "{date:yyyy-MM-dd HH:mm:ss.SSS} {level|min-size=5} [{thread}] {class-name}: {message}");
        // Moquette logs every MQTT packet at info: on an SD card that is most of the writes
        c.put("level@io.moquette.broker.metrics", "warn");
        // Pi4J reports at error that it cannot identify the board whenever /proc says nothing of a
        // Raspberry Pi (the simulator, a compatible board): our drivers name their pins and do not
        // use what it detects, so the lines would only send a technician looking for a fault
        c.put("level@com.pi4j.boardinfo", "off");
        Configuration.replace(c);
    }
}
