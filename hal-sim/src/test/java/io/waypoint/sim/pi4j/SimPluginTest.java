package io.waypoint.sim.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.context.ContextConfig;
import com.pi4j.context.impl.DefaultContext;
import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;
import com.pi4j.platform.Platform;
import com.pi4j.provider.Provider;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.io.i2c.I2CProviderBase;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.Ads1115Chip;
import io.waypoint.sim.chip.AnalogSource;
import io.waypoint.sim.chip.ScriptedEdges;
import io.waypoint.time.ManualScheduler;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimPluginTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private final List<Context> contexts = new ArrayList<>();

    @AfterEach
    void shutdown() {
        contexts.forEach(Context::shutdown);
        SimBoards.unregister("plugin-test");
    }

    private Context simContext(SimBoard board) {
        SimBoards.register("plugin-test", props -> board);
        Context c = Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms().disableShutdownHook()
                .property(SimBoards.BOARD_PROPERTY, "plugin-test").build();
        contexts.add(c);
        return c;
    }

    @Test
    void isSkippedWhenMockPluginsAreNotEnabled() {
        // Pi4J 2.8's builder enables mock plugins by default except on a Raspberry Pi: this is the
        // configuration a board's builder produces (and no way to ask for it off a Pi exists)
        ContextConfig asOnAPi = new OnARaspberryPi(Pi4J.newContextBuilder().autoDetect().disableShutdownHook()
                .property(SimBoards.BOARD_PROPERTY, "plugin-test").toConfig());
        Context c = DefaultContext.newInstance(asOnAPi);
        contexts.add(c);

        assertThat(c.providers().all().keySet()).doesNotContain(SimI2CProvider.ID, SimDigitalInputProvider.ID,
                SimDigitalOutputProvider.ID);
    }

    @Test
    void isLoadedThroughTheServiceLoaderWhenMockPluginsAreEnabled() {
        Context c = Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms().disableShutdownHook()
                .property(SimBoards.BOARD_PROPERTY, "plugin-test").build();
        contexts.add(c);

        assertThat(c.providers().all().keySet()).contains(SimI2CProvider.ID, SimDigitalInputProvider.ID,
                SimDigitalOutputProvider.ID);
    }

    @Test
    void withoutTheBoardPropertyItStaysOutOfTheWay() {
        // what a field context gets on a board Pi4J does not recognise as a Raspberry Pi
        Context c = Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms().disableShutdownHook().build();
        contexts.add(c);

        assertThat(c.providers().all().keySet()).doesNotContain(SimI2CProvider.ID, SimDigitalInputProvider.ID,
                SimDigitalOutputProvider.ID);
    }

    @Test
    void winsOverOtherPluginsProvidersOfTheSameType(@TempDir Path dir) throws Exception {
        SimBoards.register("plugin-test", props -> SimBoard.builder(scheduler).build());
        // a second plugin on the class path, as Pi4J's mock plugin or the linuxfs plugin would be
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Plugin.class.getName()), CompetingPlugin.class.getName() + "\n");
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        Context c;
        Context notSimulating;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
            t.setContextClassLoader(loader);
            c = Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms().autoDetectProviders()
                    .disableShutdownHook().property(SimBoards.BOARD_PROPERTY, "plugin-test").build();
            notSimulating = Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms()
                    .autoDetectProviders().disableShutdownHook().build();
        } finally {
            t.setContextClassLoader(before);
        }
        contexts.add(c);
        contexts.add(notSimulating);
        assertThat(notSimulating.provider(I2CProvider.class).id()).as("the competitor is loaded").isEqualTo("pi4j-mock-like");

        assertThat(c.provider(I2CProvider.class).id()).isEqualTo(SimI2CProvider.ID);
        assertThat(c.providers().all().keySet()).doesNotContain("pi4j-mock-like", "linuxfs-like");
    }

    /** A plugin with I2C providers of Pi4J's mock priority and of a board provider's. */
    public static final class CompetingPlugin implements Plugin {
        @Override
        public void initialize(PluginService service) {
            service.register(new Competitor("pi4j-mock-like", 1000), new Competitor("linuxfs-like", 150));
        }
    }

    /** Another I2C provider, of Pi4J's mock priority or a board provider's. */
    private static final class Competitor extends I2CProviderBase {
        private final int priority;

        Competitor(String id, int priority) {
            super(id, id);
            this.priority = priority;
        }

        @Override
        public int getPriority() {
            return priority;
        }

        @Override
        public I2C create(I2CConfig config) {
            throw new UnsupportedOperationException("not the simulator");
        }
    }

    /** A context config that differs from its delegate only in leaving mock plugins out. */
    private record OnARaspberryPi(ContextConfig d) implements ContextConfig {
        @Override public boolean autoDetectMockPlugins() { return false; }
        @Override public Collection<Platform> platforms() { return d.platforms(); }
        @Override public boolean autoDetectPlatforms() { return d.autoDetectPlatforms(); }
        @Override public boolean autoInject() { return d.autoInject(); }
        @Override public boolean enableShutdownHook() { return d.enableShutdownHook(); }
        @Override public String defaultPlatform() { return d.defaultPlatform(); }
        @Override
        @SuppressWarnings("rawtypes") // Pi4J's own signature
        public Collection<Provider> providers() { return d.providers(); }
        @Override public boolean autoDetectProviders() { return d.autoDetectProviders(); }
        @Override public Map<String, String> properties() { return d.properties(); }
    }

    @Test
    void defaultProvidersAreTheSimulatorsWhenMockPluginsAreEnabled() {
        Context c = simContext(SimBoard.builder(scheduler).build());

        assertThat(c.provider(I2CProvider.class).id()).isEqualTo(SimI2CProvider.ID);
        assertThat(c.provider(DigitalInputProvider.class).id()).isEqualTo(SimDigitalInputProvider.ID);
        assertThat(c.provider(DigitalOutputProvider.class).id()).isEqualTo(SimDigitalOutputProvider.ID);
    }

    @Test
    void i2cRegisterReadsReachTheEmulatedChip() {
        Ads1115Chip adc = new Ads1115Chip(scheduler.clock()).connect(0, AnalogSource.constant(1.0));
        Context c = simContext(SimBoard.builder(scheduler).i2c(1, 0x48, adc).build());
        I2C i2c = c.create(I2C.newConfigBuilder(c).id("adc").bus(1).device(0x48).build());

        assertThat(i2c.readRegisterWord(1)).isEqualTo(Ads1115Chip.POWER_ON_CONFIG);
    }

    @Test
    void anAddressWithNoChipFailsLikeANack() {
        Context c = simContext(SimBoard.builder(scheduler).build());
        I2C i2c = c.create(I2C.newConfigBuilder(c).id("nobody").bus(1).device(0x49).build());

        assertThatThrownBy(() -> i2c.readRegisterWord(1)).isInstanceOf(Pi4JException.class)
                .hasRootCauseMessage("Remote I/O error: nothing acknowledged address 0x49 on I2C bus 1");
    }

    @Test
    void aBusTheBoardDoesNotHaveCannotBeOpened() {
        Context c = simContext(SimBoard.builder(scheduler).build());

        assertThatThrownBy(() -> c.create(I2C.newConfigBuilder(c).id("bus0").bus(0).device(0x48).build()))
                .hasMessageContaining("/dev/i2c-0");
    }

    @Test
    void inputEdgesReachPi4JListenersInOrder() {
        ScriptedEdges button = new ScriptedEdges(true);
        SimBoard board = SimBoard.builder(scheduler).input(22, button).build();
        Context c = simContext(board);
        DigitalInput in = c.create(DigitalInput.newConfigBuilder(c).id("button").address(22)
                .pull(PullResistance.PULL_UP).debounce(0L).build());
        List<DigitalState> seen = new ArrayList<>();
        in.addListener(e -> seen.add(e.state()));

        button.at(T0.plusMillis(10), false).at(T0.plusMillis(20), true).at(T0.plusMillis(30), false);
        scheduler.advance(Duration.ofMillis(100));

        assertThat(seen).containsExactly(DigitalState.LOW, DigitalState.HIGH, DigitalState.LOW);
        assertThat(in.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void inputDebounceComesFromThePi4JConfigInMicroseconds() {
        ScriptedEdges contact = new ScriptedEdges(true);
        Context c = simContext(SimBoard.builder(scheduler).input(23, contact).build());
        DigitalInput in = c.create(DigitalInput.newConfigBuilder(c).id("contact").address(23)
                .pull(PullResistance.PULL_UP).debounce(2000L).build());
        List<DigitalState> seen = new ArrayList<>();
        in.addListener(e -> seen.add(e.state()));

        // a 1 ms glitch, then a real press held for 50 ms
        contact.at(T0.plusMillis(10), false).at(T0.plusMillis(11), true)
                .at(T0.plusMillis(20), false).at(T0.plusMillis(70), true);
        scheduler.advance(Duration.ofMillis(200));

        assertThat(seen).containsExactly(DigitalState.LOW, DigitalState.HIGH);
    }

    @Test
    void anUndrivenInputReadsItsPullResistor() {
        Context c = simContext(SimBoard.builder(scheduler).build());
        DigitalInput up = c.create(DigitalInput.newConfigBuilder(c).id("up").address(5).pull(PullResistance.PULL_UP).build());
        DigitalInput down = c.create(DigitalInput.newConfigBuilder(c).id("down").address(6).pull(PullResistance.PULL_DOWN).build());

        assertThat(up.state()).isEqualTo(DigitalState.HIGH);
        assertThat(down.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void outputLevelsAreRecordedWithSimulatedTime() {
        SimBoard board = SimBoard.builder(scheduler).output(27, "do-not-drink LED").build();
        Context c = simContext(board);
        DigitalOutput led = c.create(DigitalOutput.newConfigBuilder(c).id("led").address(27)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());

        scheduler.advance(Duration.ofSeconds(5));
        led.high();
        scheduler.advance(Duration.ofSeconds(3));
        led.low();

        assertThat(board.output(27).part()).isEqualTo("do-not-drink LED");
        assertThat(board.output(27).history()).extracting(h -> h.at(), h -> h.high()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(T0, false),
                org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(5), true),
                org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(8), false));
        assertThat(board.output(27).highDuring(T0, T0.plusSeconds(60))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anUnknownBoardNameFailsEveryIoWithTheReason() {
        Context c = Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms().disableShutdownHook()
                .property(SimBoards.BOARD_PROPERTY, "no-such-board").build();
        contexts.add(c);

        assertThatThrownBy(() -> c.create(I2C.newConfigBuilder(c).id("x").bus(1).device(0x48).build()))
                .hasMessageContaining("waypoint.sim.board = 'no-such-board'");
    }
}
