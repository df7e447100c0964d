package io.waypoint.sim.board;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import io.waypoint.time.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Where the hal-sim plugin finds the board for a Pi4J context, by the context property
 * {@value #BOARD_PROPERTY}: first among boards registered here, then among {@link SimBoardFactory}
 * services on the class path.
 *
 * <pre>{@code
 * SimBoards.register("test-well", props -> board);           // a test: the board it built
 * Context pi4j = Pi4J.newContextBuilder()
 *         .autoDetectMockPlugins().autoDetectPlatforms().disableShutdownHook()
 *         .property(SimBoards.BOARD_PROPERTY, "test-well")
 *         .build();
 * }</pre>
 */
public final class SimBoards {
    /** Context property naming the board: a registered name or a {@link SimBoardFactory#name()}. */
    public static final String BOARD_PROPERTY = "waypoint.sim.board";
    /** Context property: simulated time at the anchor, ISO-8601 UTC (default: the wall clock now). */
    public static final String START_PROPERTY = "waypoint.sim.start";
    /** Context property: how many times faster than the wall clock simulated time runs (default 1). */
    public static final String SPEED_PROPERTY = "waypoint.sim.speed";
    /** Context property: the {@link System#nanoTime()} at which simulated time was {@code start} (default: now). */
    public static final String ANCHOR_PROPERTY = "waypoint.sim.anchor-nanos";

    private static final Map<String, Function<Map<String, String>, SimBoard>> REGISTERED = new ConcurrentHashMap<>();

    private static final AtomicLong UNNAMED = new AtomicLong();

    private SimBoards() {}

    /** Makes {@code name} select the board {@code factory} builds from a context's properties. */
    public static void register(String name, Function<Map<String, String>, SimBoard> factory) {
        REGISTERED.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(factory, "factory"));
    }

    /** Forgets a registered name (services on the class path stay). */
    public static void unregister(String name) {
        REGISTERED.remove(name);
    }

    /**
     * The board named by {@code properties}' {@value #BOARD_PROPERTY}.
     *
     * @throws IllegalArgumentException naming the property, its value and the names known, if none matches
     */
    public static SimBoard create(Map<String, String> properties) {
        String name = properties.get(BOARD_PROPERTY);
        Function<Map<String, String>, SimBoard> registered = name == null ? null : REGISTERED.get(name);
        if (registered != null) {
            return Objects.requireNonNull(registered.apply(properties), "board factory " + name + " returned null");
        }
        TreeSet<String> known = new TreeSet<>(REGISTERED.keySet());
        for (SimBoardFactory f : ServiceLoader.load(SimBoardFactory.class)) {
            if (f.name().equals(name)) {
                return Objects.requireNonNull(f.create(properties), "board factory " + name + " returned null");
            }
            known.add(f.name());
        }
        throw new IllegalArgumentException("hal-sim: Pi4J context property " + BOARD_PROPERTY + " = "
                + (name == null ? "(not set)" : "'" + name + "'") + ": expected one of " + known
                + " (register a board with SimBoards.register or list a SimBoardFactory in"
                + " META-INF/services/io.waypoint.sim.board.SimBoardFactory)");
    }

    /**
     * A Pi4J context whose digital I/O and I2C are {@code board}, built the way an application in
     * sim mode builds its own (mock plugins on, shutdown hook off): for tests that drive real
     * drivers against emulated chips. The caller shuts the context down; the board stays open.
     */
    public static Context pi4jContext(SimBoard board) {
        String name = "board-" + UNNAMED.incrementAndGet();
        register(name, properties -> board);
        try {
            // the plugin takes its board while the context is built
            return Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms().disableShutdownHook()
                    .property(BOARD_PROPERTY, name).build();
        } finally {
            unregister(name);
        }
    }

    /**
     * A scaled scheduler from the clock properties: the same start, speed and anchor as the
     * application's own scheduler give both exactly the same simulated time.
     *
     * @throws IllegalArgumentException naming the property and value that does not parse
     */
    public static Scheduler scheduler(Map<String, String> properties, String threadName) {
        // the only place hal-sim reads the wall clock's date: where simulated time starts by default
        Instant start = Clock.systemUTC().instant();
        String s = properties.get(START_PROPERTY);
        if (s != null) {
            try {
                start = Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw bad(START_PROPERTY, s, "an ISO-8601 UTC instant such as 2025-03-01T06:00:00Z");
            }
        }
        double speed = 1.0;
        String v = properties.get(SPEED_PROPERTY);
        if (v != null) {
            try {
                speed = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw bad(SPEED_PROPERTY, v, "a positive number");
            }
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw bad(SPEED_PROPERTY, v, "a positive number");
            }
        }
        long anchor = System.nanoTime();
        String a = properties.get(ANCHOR_PROPERTY);
        if (a != null) {
            try {
                anchor = Long.parseLong(a);
            } catch (NumberFormatException e) {
                throw bad(ANCHOR_PROPERTY, a, "a System.nanoTime() value (a whole number)");
            }
        }
        return Scheduler.scaled(start, speed, anchor, threadName);
    }

    private static IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("hal-sim: Pi4J context property " + key + " = '" + value
                + "': expected " + expected);
    }
}
