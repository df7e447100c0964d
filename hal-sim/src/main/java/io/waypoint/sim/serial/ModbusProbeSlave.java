package io.waypoint.sim.serial;

import io.waypoint.sim.serial.SlaveFrames.Answer;
import io.waypoint.sim.serial.SlaveFrames.Request;
import io.waypoint.sim.world.SensorCondition;
import io.waypoint.sim.world.WellPhysics;
import io.waypoint.time.Scheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * A Modbus RTU turbidity probe on a simulated RS-485 line: a slave at one address that answers
 * functions 0x03 and 0x04 (and 0x06 and 0x10 where its {@link ProbeProfile} has something to write)
 * with values taken from a {@link WellPhysics} at the simulated time of the request.
 *
 * <p>Frames end after 3.5 characters of silence at the configured baud (1.75 ms above 19,200 baud);
 * the baud rate matters for nothing else, a pseudo-terminal has none. Frames with a wrong CRC, and
 * frames for other addresses, are ignored as a real slave ignores them; broadcasts (address 0) are
 * acted on and never answered. Unknown functions get exception 1, wrongly sized requests 3, and the
 * profile answers 2 (no such register) and 6 (busy) itself.
 *
 * <p>The world's {@link SensorCondition} decides what is measured: {@code Unplugged} means no reply
 * at all; {@code Stuck} and {@code Drift} give wrong but plausible values. {@link #setFault} adds
 * line faults on demand. All public methods are thread-safe.
 */
public final class ModbusProbeSlave extends VirtualSerialDevice {
    private static final int MAX_FRAME = 256;

    private final Config config;
    private final WellPhysics physics;
    private final Supplier<Instant> worldTime;
    private final RegisterMap registers;
    private final Duration silence;
    private final AtomicLong requests = new AtomicLong();
    private final Object faultLock = new Object();
    private ModbusFault fault;
    private int faultRepliesLeft;

    // device thread only
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private Scheduler.Task frameEnd;

    /**
     * The probe's identity on the line.
     *
     * @param unit its slave address, 1 to 247
     * @param baud the line speed it is set to; decides only the silence that ends a frame
     */
    public record Config(ProbeProfile profile, int unit, int baud) {
        public Config {
            Objects.requireNonNull(profile, "profile");
            if (unit < 1 || unit > 247) {
                throw new IllegalArgumentException("a slave address is 1 to 247, was " + unit);
            }
            if (baud < 50 || baud > 4_000_000) {
                throw new IllegalArgumentException("baud must be 50 to 4000000, was " + baud);
            }
        }

        /** A DFRobot SEN0710 as delivered: address 1, 4800 baud. */
        public static Config sen0710() {
            return new Config(ProbeProfile.SEN0710, 1, 4800);
        }

        /** A Yosemitech Y511 as delivered: address 1, 9600 baud, little-endian floats. */
        public static Config y511() {
            return new Config(ProbeProfile.Y511, 1, 9600);
        }

        public Config withUnit(int newUnit) {
            return new Config(profile, newUnit, baud);
        }

        public Config withBaud(int newBaud) {
            return new Config(profile, unit, newBaud);
        }

        public Config withProfile(ProbeProfile newProfile) {
            return new Config(newProfile, unit, baud);
        }
    }

    private ModbusProbeSlave(Config config, WellPhysics physics, Supplier<Instant> worldTime) {
        super("modbus-probe-" + config.unit());
        this.config = config;
        this.physics = Objects.requireNonNull(physics, "physics");
        this.worldTime = Objects.requireNonNull(worldTime, "worldTime");
        this.registers = RegisterMap.of(config.profile());
        this.silence = SlaveFrames.silence(config.baud());
    }

    /**
     * Starts a probe on a fresh pseudo-terminal pair; drivers open {@link #driverPort()}.
     *
     * @param worldTime the simulated time at which the world is measured (e.g. the sim scheduler's
     *                  {@code now}); independent of line timing, which is wall time
     * @throws IOException socat is missing or the terminal cannot be opened
     */
    public static ModbusProbeSlave start(Config config, WellPhysics physics, Supplier<Instant> worldTime)
            throws IOException {
        ModbusProbeSlave slave = new ModbusProbeSlave(config, physics, worldTime);
        slave.open();
        return slave;
    }

    public Config config() {
        return config;
    }

    /** Switches {@code fault} on until {@link #clearFault()} (replacing any other). */
    public void setFault(ModbusFault fault) {
        setFault(fault, Integer.MAX_VALUE);
    }

    /**
     * Switches {@code fault} on for the next {@code replies} requests this probe would answer, then
     * off: {@code setFault(new BadCrc(), 1)} corrupts one reply and lets the master's retry succeed.
     */
    public void setFault(ModbusFault fault, int replies) {
        Objects.requireNonNull(fault, "fault");
        if (replies < 1) {
            throw new IllegalArgumentException("replies must be >= 1, was " + replies);
        }
        synchronized (faultLock) {
            this.fault = fault;
            this.faultRepliesLeft = replies;
        }
    }

    /** Back to normal behaviour. */
    public void clearFault() {
        synchronized (faultLock) {
            fault = null;
            faultRepliesLeft = 0;
        }
    }

    /** Valid requests addressed to this probe (or broadcast) since it started, answered or not. */
    public long requestsReceived() {
        return requests.get();
    }

    @Override
    protected void received(byte[] bytes, Instant at) {
        if (frame.size() + bytes.length > MAX_FRAME) {
            // longer than any RTU frame: noise without a gap; what was gathered is no request
            frame.reset();
        }
        frame.writeBytes(bytes);
        if (frameEnd != null) {
            frameEnd.cancel();
        }
        frameEnd = later(silence, this::frameEnded);
    }

    private void frameEnded() {
        frameEnd = null;
        byte[] bytes = frame.toByteArray();
        frame.reset();
        Optional<Request> parsed = SlaveFrames.parse(bytes);
        if (parsed.isEmpty()) {
            Logger.debug("simulated probe {}: ignored {} bytes that are no valid frame", config.unit(), bytes.length);
            return;
        }
        Request request = parsed.get();
        if (request.unit() != config.unit() && request.unit() != 0) {
            return;
        }
        requests.incrementAndGet();
        Instant t = worldTime.get();
        SensorCondition condition = physics.turbiditySensor(t);
        if (condition instanceof SensorCondition.Unplugged) {
            return;
        }
        ModbusFault active = takeFault();
        Answer answer = answer(request, active, measure(t, condition, active));
        if (request.unit() == 0) {
            return;
        }
        reply(SlaveFrames.reply(config.unit(), request, answer), request, answer, active);
    }

    private Answer answer(Request request, ModbusFault active, ProbeMeasurement now) {
        if (active instanceof ModbusFault.ExceptionReply e) {
            return new Answer.Refused(e.code());
        }
        if (request instanceof SlaveFrames.Unsupported) {
            return new Answer.Refused(SlaveFrames.ILLEGAL_FUNCTION);
        }
        if (request instanceof SlaveFrames.Malformed) {
            return new Answer.Refused(SlaveFrames.ILLEGAL_DATA_VALUE);
        }
        return registers.answer(request, now);
    }

    private ProbeMeasurement measure(Instant t, SensorCondition condition, ModbusFault active) {
        double truth = physics.turbidityNtu(t);
        double ntu;
        if (condition instanceof SensorCondition.Stuck stuck) {
            ntu = stuck.ntu();
        } else if (condition instanceof SensorCondition.Drift drift) {
            ntu = truth + drift.offsetNtu();
        } else {
            ntu = truth;
        }
        int error = active instanceof ModbusFault.ProbeError e ? e.code() : 0;
        return new ProbeMeasurement(ntu, physics.waterTemperatureC(t), error);
    }

    private void reply(byte[] reply, Request request, Answer answer, ModbusFault active) {
        if (active instanceof ModbusFault.NoReply) {
            return;
        }
        if (active instanceof ModbusFault.BadCrc) {
            reply[reply.length - 1] ^= 0x5A;
            send(reply);
        } else if (active instanceof ModbusFault.OtherAddress other) {
            send(SlaveFrames.reply(other.unit(), request, answer));
        } else if (active instanceof ModbusFault.SlowReply slow) {
            later(slow.delay(), () -> send(reply));
        } else if (active instanceof ModbusFault.Garbage garbage) {
            Duration gap = silence.multipliedBy(2);
            switch (garbage.placement()) {
                case BEFORE -> {
                    send(garbage.bytes());
                    later(gap, () -> send(reply));
                }
                case AFTER -> {
                    send(reply);
                    later(gap, () -> send(garbage.bytes()));
                }
                case INSTEAD -> send(garbage.bytes());
            }
        } else {
            send(reply);
        }
    }

    private ModbusFault takeFault() {
        synchronized (faultLock) {
            ModbusFault active = fault;
            if (active != null && faultRepliesLeft != Integer.MAX_VALUE && --faultRepliesLeft == 0) {
                fault = null;
            }
            return active;
        }
    }
}
