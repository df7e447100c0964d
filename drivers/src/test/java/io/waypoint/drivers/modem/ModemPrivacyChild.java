package io.waypoint.drivers.modem;

import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.sim.serial.modem.FarEnd;
import io.waypoint.sim.serial.modem.ModemBehaviour;
import io.waypoint.sim.serial.modem.SimulatedModem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.tinylog.Logger;

/**
 * A kiosk's modem life in a few seconds, in its own JVM so that its logging can be set to trace into a
 * file (tinylog's configuration is fixed once the test JVM has logged): the child of
 * {@link ModemPrivacyTest}. Calls every number of {@link #DIALLED} through every outcome, with noise,
 * strangers' calls, lines that repeat the dialled number, a restart and a silence, logs every event
 * and status as a kiosk would, and logs every exception the driver throws. Prints {@code EXCEPTION}
 * lines with their messages, {@code PLACED n} and {@code DONE}.
 */
public final class ModemPrivacyChild {
    /** The numbers people dial; the last one is refused for the network code around it. */
    static final List<String> DIALLED = List.of("+34911222333", "+50499887766", "+22177123456", "+9647701234567",
            "+50255501111", "+33612345678", "+4915112345678", "+26377123456");
    private static final Duration LIMIT = Duration.ofMinutes(3);
    // patient, since this test is about what is written, not about timing: only the silence waits them out
    private static final ModemSettings SETTINGS = new ModemSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofMillis(50), 2, Duration.ofMillis(300), 3, Duration.ofMillis(100), 8);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final BlockingQueue<CallEvent> EVENTS = new LinkedBlockingQueue<>();
    private static volatile ModemStatus status = ModemStatus.UNKNOWN;

    private ModemPrivacyChild() {}

    public static void main(String[] args) throws Exception {
        ModemBehaviour base = ModemBehaviour.normal().withAlertAfter(Duration.ofMillis(100))
                .withFarEnd(FarEnd.answersAndHangsUp(Duration.ofMillis(200), Duration.ofSeconds(1))).withNoise(0.2)
                .withUnsolicitedEvery(Duration.ofMillis(50));
        SimulatedModem sim = SimulatedModem.start(base);
        SerialLink link = SerialLink.open(sim.driverPort(), 115_200, Clock.systemUTC());
        AtModem modem = AtModem.start(link, SETTINGS, new ModemListener() {
            @Override
            public void call(CallEvent event) {
                Logger.info("kiosk heard: {}", event);
                EVENTS.add(event);
            }

            @Override
            public void status(ModemStatus s) {
                Logger.info("kiosk heard: {} ({})", s, s.describe());
                status = s;
            }
        });
        try {
            step();
            awaitStatus(ModemStatus::ok);
            call(modem, DIALLED.get(0));

            step();
            sim.update(b -> b.withFarEnd(new FarEnd.Busy(Duration.ofMillis(200))));
            call(modem, DIALLED.get(1));

            step();
            sim.update(b -> b.withCredit(false, ModemBehaviour.Refusal.CME_ERROR));
            call(modem, DIALLED.get(2));
            sim.update(b -> b.withCredit(false, ModemBehaviour.Refusal.OPERATOR_MESSAGE));
            call(modem, DIALLED.get(3));
            sim.update(b -> b.withCredit(true, ModemBehaviour.Refusal.CME_ERROR)
                    .withFarEnd(FarEnd.answersAfter(Duration.ofMillis(200))));

            step();
            // a call during which the modem repeats the number in every way a modem might, then restarts
            String number = DIALLED.get(4);
            modem.dial(number, LIMIT);
            awaitEvent(CallEvent.Answered.class);
            for (String line : List.of("+COLP: \"" + number + "\",145,\"\",0", "ATD" + number + ";",
                    "+CCWA: \"" + number + "\",145,1", "+CLIP: \"" + number + "\",145", "MISSED_CALL: 10:15AM " + number,
                    "+CUSD: 0,\"Llamada a " + number + " sin saldo\",15", "Calling " + number, "+XNUM: " + number,
                    "+CSQ: " + number, "+CREG: " + number, "+CLCC: " + number)) {
                sim.unsolicited(line);
            }
            sim.unsolicitedBytes(("\u00ff\u00fe" + number + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Thread.sleep(200);
            sim.powerCycle();
            awaitEvent(CallEvent.Ended.class);
            Thread.sleep(500);
            awaitStatus(ModemStatus::ok);

            step();
            modem.dial(DIALLED.get(5), LIMIT);
            awaitEvent(CallEvent.Answered.class);
            sim.update(b -> b.withSilent(true));
            awaitEvent(CallEvent.Ended.class);
            awaitStatus(s -> s.fault() == ModemFault.NOT_RESPONDING);
            sim.update(b -> b.withSilent(false));
            awaitStatus(ModemStatus::ok);

            step();
            modem.dial(DIALLED.get(6), LIMIT);
            awaitEvent(CallEvent.Answered.class);
            refused(() -> modem.dial(DIALLED.get(6), LIMIT));
            modem.hangUp();
            awaitEvent(CallEvent.Ended.class);

            step();
            refused(() -> modem.dial("*#" + DIALLED.get(7) + "#", LIMIT));
            refused(() -> modem.dial("**21*" + DIALLED.get(7) + "#", LIMIT));
            refused(() -> modem.dial(DIALLED.get(7) + "P1", LIMIT));

            long placed = sim.placedCalls().stream().map(SimulatedModem.PlacedCall::number).filter(DIALLED::contains)
                    .distinct().count();
            System.out.println("PLACED " + placed);
            System.out.println("DONE");
        } catch (Exception | AssertionError e) {
            Logger.error(e, "the child failed");
            System.out.println("FAILED " + e);
        } finally {
            modem.close();
            link.close();
            sim.close();
        }
    }

    private static int step;

    private static void step() {
        System.out.println("STEP " + ++step + " (status " + status.state() + ")");
    }

    private static void call(AtModem modem, String number) throws InterruptedException {
        modem.dial(number, LIMIT);
        awaitEvent(CallEvent.Ended.class);
    }

    private static void refused(Runnable dial) {
        try {
            dial.run();
            throw new AssertionError("the dial was not refused");
        } catch (IllegalArgumentException | IllegalStateException e) {
            Logger.error(e, "the driver refused a dial");
            System.out.println("EXCEPTION " + e.getMessage());
        }
    }

    private static void awaitEvent(Class<? extends CallEvent> kind) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(giveUp)) {
            CallEvent e = EVENTS.poll(100, TimeUnit.MILLISECONDS);
            if (kind.isInstance(e)) {
                return;
            }
        }
        throw new AssertionError("no " + kind.getSimpleName() + " within " + PATIENCE);
    }

    private static void awaitStatus(Predicate<ModemStatus> wanted) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (!wanted.test(status)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("status still " + status.state() + " after " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }
}
