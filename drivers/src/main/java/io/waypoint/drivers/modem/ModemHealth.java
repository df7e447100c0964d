package io.waypoint.drivers.modem;

import io.waypoint.drivers.modem.AtCommand.Kind;
import io.waypoint.drivers.modem.CommandQueue.Reply;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Whether the modem can place calls, as pure logic: it probes the modem with {@code AT} until it
 * answers, sets it up, then asks for the SIM, the signal and the registration every
 * {@link ModemSettings#healthPoll()}, and turns what it learns into a {@link ModemStatus}.
 *
 * <p>The setup makes the modem predictable whatever state it was left in: no echo, numeric
 * {@code +CME ERROR} codes, ATH that hangs up voice calls ({@code AT+CVHU=0}), OK to ATD as soon as it
 * dials ({@code AT+COLP=0}), and no call left over from before. A modem that echoes again once set
 * up has restarted (a brown-out) and forgotten all that: it is set up again. It never asks for the
 * IMEI, IMSI or ICCID: they identify the SIM's owner, and nothing here needs them.
 */
final class ModemHealth {
    private static final List<Kind> SETUP_COMMANDS = List.of(Kind.ECHO_OFF, Kind.NUMERIC_ERRORS,
            Kind.HANG_UP_VOICE_WITH_ATH, Kind.OK_ON_DIAL);
    private static final List<Kind> POLL = List.of(Kind.SIM, Kind.SIGNAL, Kind.REGISTRATION);

    private enum Phase {
        PROBING, SETTING_UP, READY
    }

    private final ModemSettings settings;
    private final Consumer<AtCommand> send;
    private final Runnable clearLeftoverCalls;
    private Phase phase = Phase.PROBING;
    private boolean probePending;
    private boolean echoOff;
    private Instant nextProbe;
    private Instant nextPoll;
    private String notResponding;
    private AtLine.Sim sim;
    private String simEvidence = "";
    private int csq = 99;
    private int cregStat = -1;
    private String creditRefused;

    /**
     * @param send               queues a command
     * @param clearLeftoverCalls asked during each setup to hang up any call the modem has that is not
     *                           one in progress (see {@link CallStateMachine#clearLeftoverCalls})
     */
    ModemHealth(ModemSettings settings, Consumer<AtCommand> send, Runnable clearLeftoverCalls) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.send = Objects.requireNonNull(send, "send");
        this.clearLeftoverCalls = Objects.requireNonNull(clearLeftoverCalls, "clearLeftoverCalls");
    }

    /** Starts probing. */
    void start() {
        probe();
    }

    /**
     * Whether calls may be tried: the modem answers. While it is being set up a call waits behind the
     * setup commands.
     */
    boolean answering() {
        return phase != Phase.PROBING;
    }

    /** Forgets what was known and probes again: the modem stopped answering. */
    void reprobe(String evidence) {
        phase = Phase.PROBING;
        echoOff = false;
        notResponding = evidence;
        sim = null;
        simEvidence = "";
        csq = 99;
        cregStat = -1;
        probe();
    }

    /** The reply to a probe, setup or health command. */
    void replied(Reply reply, Instant now) {
        AtLine result = reply.result();
        Kind kind = reply.command().kind();
        switch (kind) {
            case PROBE -> {
                probePending = false;
                if (phase == Phase.PROBING) {
                    // any answer, even ERROR, shows a modem is there
                    Logger.debug("GSM modem answered AT: setting it up");
                    setUp();
                }
            }
            case ECHO_OFF, NUMERIC_ERRORS, HANG_UP_VOICE_WITH_ATH, OK_ON_DIAL -> {
                if (kind == Kind.ECHO_OFF) {
                    echoOff = result instanceof AtLine.Ok;
                }
                if (!(result instanceof AtLine.Ok)) {
                    Logger.info("GSM modem refused {} ({}): carrying on without it", kind.label(), result.kind());
                }
            }
            case SIM -> simReplied(reply);
            case SIGNAL -> reply.information().stream().filter(AtLine.SignalQuality.class::isInstance)
                    .map(AtLine.SignalQuality.class::cast).findFirst()
                    .ifPresent(q -> csq = q.rssi() >= 0 && q.rssi() <= 31 ? q.rssi() : 99);
            case REGISTRATION -> {
                reply.information().stream().filter(AtLine.Registration.class::isInstance)
                        .map(AtLine.Registration.class::cast).findFirst().ifPresent(r -> cregStat = r.stat());
                setUpDone(now);
            }
            default -> { }
        }
    }

    /** A probe, setup or health command went unanswered. */
    void timedOut(AtCommand command, Instant now) {
        if (command.kind() == Kind.PROBE) {
            probePending = false;
            if (phase == Phase.PROBING) {
                if (notResponding == null) {
                    notResponding = "no reply to AT within " + settings.commandTimeout().toMillis() + " ms";
                }
                nextProbe = now.plus(settings.probeInterval());
            }
        } else if (command.kind() == Kind.REGISTRATION) {
            setUpDone(now);
        }
    }

    /** An unsolicited line: a SIM taken out, a registration change, an echo from a modem that was reset. */
    void unsolicited(AtLine line) {
        if (line instanceof AtLine.Echo && echoOff && phase == Phase.READY) {
            // a modem that restarts (a brown-out when it transmits) forgets ATE0, AT+CVHU=0 and the rest
            Logger.warn("GSM modem echoes commands again: it restarted (check its power supply); setting it up again");
            setUp();
        } else if (line instanceof AtLine.SimStatus s) {
            simIs(s.sim(), "+CPIN: " + s.sim());
        } else if (line instanceof AtLine.Registration r) {
            cregStat = r.stat();
        }
    }

    /**
     * The operator refused a call: {@link ModemFault#NO_CREDIT} until an ordinary call gets through.
     * Refused again meanwhile, the fault stays the one fault (only its evidence may change).
     */
    void creditRefused(String evidence) {
        creditRefused = evidence;
    }

    /**
     * An ordinary call got through to the far end: the credit is back (or was never the trouble).
     * Emergency calls are not reported here: they go through without credit.
     */
    void callConnected() {
        creditRefused = null;
    }

    /** The time is {@code now}: probes and health polls. */
    void tick(Instant now) {
        if (phase == Phase.PROBING && !probePending && nextProbe != null && !now.isBefore(nextProbe)) {
            probe();
        } else if (phase == Phase.READY && !now.isBefore(nextPoll)) {
            POLL.forEach(k -> send.accept(AtCommand.of(k, settings.commandTimeout())));
            nextPoll = now.plus(settings.healthPoll());
        }
    }

    /** When {@link #tick} has something to do next. */
    Optional<Instant> deadline() {
        if (phase == Phase.PROBING) {
            return probePending || nextProbe == null ? Optional.empty() : Optional.of(nextProbe);
        }
        return phase == Phase.READY ? Optional.of(nextPoll) : Optional.empty();
    }

    /** The status, once there is one to tell: the modem was set up, or it did not answer. */
    Optional<ModemStatus> status() {
        if (notResponding != null && phase != Phase.READY) {
            return Optional.of(new ModemStatus(99, Network.UNKNOWN, ModemFault.NOT_RESPONDING, notResponding));
        }
        if (phase != Phase.READY) {
            return Optional.empty();
        }
        Network network = cregStat < 0 ? Network.UNKNOWN : Network.ofCregStat(cregStat);
        if (sim == AtLine.Sim.NOT_INSERTED) {
            return Optional.of(new ModemStatus(csq, network, ModemFault.NO_SIM, simEvidence));
        }
        if (sim == AtLine.Sim.PIN_REQUIRED || sim == AtLine.Sim.PUK_REQUIRED) {
            return Optional.of(new ModemStatus(csq, network, ModemFault.SIM_LOCKED, simEvidence));
        }
        if (cregStat >= 0 && !network.registered()) {
            return Optional.of(new ModemStatus(csq, network, ModemFault.NO_NETWORK,
                    "+CREG stat " + cregStat + ": " + network.wire()));
        }
        if (creditRefused != null) {
            return Optional.of(new ModemStatus(csq, network, ModemFault.NO_CREDIT, creditRefused));
        }
        if (csq != 99 && csq < settings.lowSignalCsq()) {
            return Optional.of(new ModemStatus(csq, network, ModemFault.LOW_SIGNAL,
                    "CSQ " + csq + " (" + (-113 + 2 * csq) + " dBm) is below " + settings.lowSignalCsq()));
        }
        return Optional.of(new ModemStatus(csq, network, null, ""));
    }

    private void setUp() {
        phase = Phase.SETTING_UP;
        SETUP_COMMANDS.forEach(k -> send.accept(AtCommand.of(k, settings.commandTimeout())));
        // here, after AT+CVHU=0, so that ATH can end a voice call
        clearLeftoverCalls.run();
        POLL.forEach(k -> send.accept(AtCommand.of(k, settings.commandTimeout())));
    }

    private void probe() {
        probePending = true;
        nextProbe = null;
        send.accept(AtCommand.of(Kind.PROBE, settings.commandTimeout()));
    }

    private void setUpDone(Instant now) {
        if (phase == Phase.SETTING_UP) {
            phase = Phase.READY;
            notResponding = null;
            nextPoll = now.plus(settings.healthPoll());
        }
    }

    private void simReplied(Reply reply) {
        for (AtLine line : reply.information()) {
            if (line instanceof AtLine.SimStatus s) {
                simIs(s.sim(), "+CPIN: " + s.sim());
                return;
            }
        }
        if (reply.result() instanceof AtLine.CmeError e) {
            String evidence = "+CME ERROR: " + e.code() + " to AT+CPIN?";
            switch (e.code()) {
                case 10, 13, 15 -> simIs(AtLine.Sim.NOT_INSERTED, evidence);
                case 11 -> simIs(AtLine.Sim.PIN_REQUIRED, evidence);
                case 12 -> simIs(AtLine.Sim.PUK_REQUIRED, evidence);
                default -> { }
            }
        }
    }

    private void simIs(AtLine.Sim now, String evidence) {
        sim = now;
        simEvidence = evidence;
    }
}
