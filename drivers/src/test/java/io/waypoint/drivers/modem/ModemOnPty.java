package io.waypoint.drivers.modem;

import static org.awaitility.Awaitility.await;

import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.sim.serial.modem.FarEnd;
import io.waypoint.sim.serial.modem.ModemBehaviour;
import io.waypoint.sim.serial.modem.SimulatedModem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulated modem on a pseudo-terminal and the real driver talking to it through jssc: the whole
 * serial path of a kiosk. The settings are the field's, shrunk so that a test takes a second: the
 * driver answers as soon as the modem does, so short timeouts cost only the tests that wait them out.
 */
final class ModemOnPty implements AutoCloseable {
    static final ModemSettings FAST = new ModemSettings(Duration.ofMillis(400), Duration.ofSeconds(3),
            Duration.ofMillis(50), 2, Duration.ofMillis(200), 3, Duration.ofMillis(100), 8);
    /** Long enough for anything to happen on a loaded machine. */
    static final Duration PATIENCE = Duration.ofSeconds(15);
    /** A modem that alerts at once and a far end that answers soon: what most tests start from. */
    static final ModemBehaviour QUICK = ModemBehaviour.normal().withAlertAfter(Duration.ofMillis(100))
            .withFarEnd(FarEnd.answersAfter(Duration.ofMillis(300)));

    final SimulatedModem sim;
    final SerialLink link;
    final AtModem modem;
    final Recorder heard = new Recorder();

    /** Everything the driver told its listener, in order. */
    static final class Recorder implements ModemListener {
        final List<CallEvent> events = new CopyOnWriteArrayList<>();
        final List<ModemStatus> statuses = new CopyOnWriteArrayList<>();

        @Override
        public void call(CallEvent event) {
            events.add(event);
        }

        @Override
        public void status(ModemStatus status) {
            statuses.add(status);
        }

        List<Class<?>> eventKinds() {
            return events.stream().<Class<?>>map(Object::getClass).toList();
        }
    }

    private ModemOnPty(SimulatedModem sim, SerialLink link, ModemSettings settings) {
        this.sim = sim;
        this.link = link;
        this.modem = AtModem.start(link, settings, heard);
    }

    static ModemOnPty start(ModemBehaviour behaviour) throws Exception {
        return start(behaviour, FAST);
    }

    static ModemOnPty start(ModemBehaviour behaviour, ModemSettings settings) throws Exception {
        SimulatedModem sim = SimulatedModem.start(behaviour);
        try {
            return new ModemOnPty(sim, SerialLink.open(sim.driverPort(), 115_200, Clock.systemUTC()), settings);
        } catch (Exception e) {
            sim.close();
            throw e;
        }
    }

    /**
     * The lines a test starts, each closed after it: {@code @RegisterExtension final ModemOnPty.Lines lines = new ModemOnPty.Lines();}
     */
    static final class Lines implements AfterEachCallback {
        private final List<ModemOnPty> started = new ArrayList<>();

        ModemOnPty start(ModemBehaviour behaviour) throws Exception {
            return start(behaviour, FAST);
        }

        ModemOnPty start(ModemBehaviour behaviour, ModemSettings settings) throws Exception {
            ModemOnPty line = ModemOnPty.start(behaviour, settings);
            started.add(line);
            return line;
        }

        /** Started, and the driver has reported the modem ok. */
        ModemOnPty ready(ModemBehaviour behaviour) throws Exception {
            ModemOnPty line = start(behaviour);
            line.awaitOk();
            return line;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            started.forEach(ModemOnPty::close);
            started.clear();
        }
    }

    /** Waits until the driver reports a status that {@code wanted} accepts, and returns it. */
    ModemStatus awaitStatus(Predicate<ModemStatus> wanted) {
        return await().atMost(PATIENCE).until(modem::status, wanted);
    }

    ModemStatus awaitOk() {
        return awaitStatus(ModemStatus::ok);
    }

    ModemStatus awaitFault(ModemFault fault) {
        return awaitStatus(s -> s.fault() == fault);
    }

    /** Dials and waits for the attempt to end. */
    CallEvent.Ended call(String number, Duration talkLimit) {
        int before = heard.events.size();
        modem.dial(number, talkLimit);
        return awaitEnded(before);
    }

    /** Waits for the first Ended after the first {@code before} events. */
    CallEvent.Ended awaitEnded(int before) {
        await().atMost(PATIENCE).until(() -> heard.events.stream().skip(before).anyMatch(CallEvent.Ended.class::isInstance));
        return heard.events.stream().skip(before).filter(CallEvent.Ended.class::isInstance).map(CallEvent.Ended.class::cast)
                .findFirst().orElseThrow();
    }

    /** The events since the first {@code before}. */
    List<Class<?>> eventKindsSince(int before) {
        return heard.eventKinds().subList(before, heard.events.size());
    }

    @Override
    public void close() {
        modem.close();
        link.close();
        sim.close();
    }
}
