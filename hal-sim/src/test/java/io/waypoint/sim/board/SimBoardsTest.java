package io.waypoint.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.time.ManualScheduler;
import io.waypoint.time.Scheduler;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimBoardsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    static final SimBoard SERVICE_BOARD = SimBoard.builder(new ManualScheduler(T0)).build();

    /** A factory the ServiceLoader finds, as a scenario module would list one. */
    public static final class WellFactory implements SimBoardFactory {
        @Override
        public String name() {
            return "service-well";
        }

        @Override
        public SimBoard create(Map<String, String> properties) {
            return SERVICE_BOARD;
        }
    }

    @AfterEach
    void forget() {
        SimBoards.unregister("service-well");
    }

    /** Runs {@code body} with a context class loader that lists {@link WellFactory} as a service. */
    private static <T> T withServiceListed(Path dir, java.util.concurrent.Callable<T> body) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(SimBoardFactory.class.getName()), WellFactory.class.getName() + "\n");
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
            t.setContextClassLoader(loader);
            return body.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Test
    void aFactoryListedAsAServiceIsFoundByItsName(@TempDir Path dir) throws Exception {
        SimBoard b = withServiceListed(dir, () -> SimBoards.create(Map.of(SimBoards.BOARD_PROPERTY, "service-well")));

        assertThat(b).isSameAs(SERVICE_BOARD);
    }

    @Test
    void aRegisteredBoardComesBeforeAService(@TempDir Path dir) throws Exception {
        SimBoard registered = SimBoard.builder(new ManualScheduler(T0)).build();
        SimBoards.register("service-well", props -> registered);

        assertThat(withServiceListed(dir, () -> SimBoards.create(Map.of(SimBoards.BOARD_PROPERTY, "service-well"))))
                .isSameAs(registered);
    }

    @Test
    void anUnknownNameListsTheKnownOnes(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> withServiceListed(dir, () -> SimBoards.create(Map.of(SimBoards.BOARD_PROPERTY, "wel"))))
                .hasMessageContaining("waypoint.sim.board = 'wel': expected one of [kiosk, service-well, well]");
    }

    @Test
    void clockPropertiesGiveASchedulerOnTheSameSimulatedTime() {
        long anchor = System.nanoTime();
        Scheduler a = SimBoards.scheduler(Map.of(SimBoards.START_PROPERTY, "2025-03-01T06:00:00Z",
                SimBoards.SPEED_PROPERTY, "60", SimBoards.ANCHOR_PROPERTY, String.valueOf(anchor)), "a");
        Scheduler b = Scheduler.scaled(T0, 60, anchor, "b");
        try {
            Instant ta = a.now();
            Instant tb = b.now();
            assertThat(Duration.between(ta, tb).abs()).isLessThan(Duration.ofSeconds(5));
            assertThat(a.speed()).isEqualTo(60);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aBadClockPropertyIsNamedWithWhatIsExpected() {
        assertThatThrownBy(() -> SimBoards.scheduler(Map.of(SimBoards.SPEED_PROPERTY, "fast"), "x"))
                .hasMessage("hal-sim: Pi4J context property waypoint.sim.speed = 'fast': expected a positive number");
        assertThatThrownBy(() -> SimBoards.scheduler(Map.of(SimBoards.START_PROPERTY, "yesterday"), "x"))
                .hasMessageContaining("waypoint.sim.start = 'yesterday': expected an ISO-8601 UTC instant");
    }
}
