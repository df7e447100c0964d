package io.waypoint.sim.serial.modem;

import io.waypoint.sim.serial.VirtualSerialDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.tinylog.Logger;

/**
 * A GSM modem in the way of a SIM800 or SIM7600, on a simulated serial line, with the network behind
 * it: what it does is set by a {@link ModemBehaviour} that can change while it runs.
 *
 * <p>It answers {@code AT}, {@code ATE0/1}, {@code AT+CMEE=0/1/2}, {@code AT+CPIN?}, {@code AT+CSQ},
 * {@code AT+CREG?} (and {@code =n}), {@code AT+COPS?}, {@code AT+CLCC}, {@code ATD<number>;},
 * {@code ATH}, {@code AT+CHUP}, {@code AT+CVHU=0/1}, {@code AT+COLP=0/1}, {@code AT+CGSN},
 * {@code AT+CIMI}, {@code AT+CCID}, and text-mode SMS ({@code AT+CMGF=0/1}, {@code AT+CMGS="<number>"},
 * the {@code > } prompt, the text up to Ctrl-Z, {@code +CMGS: <ref>} and OK; ESC abandons it); anything
 * else is {@code ERROR}. {@code AT+CMGS} in PDU mode (the default, {@code AT+CMGF=0}) is {@code ERROR},
 * as the real ones answer a number where a PDU length belongs; without a network it is
 * {@code +CMS ERROR: 331}, and {@link #failNextSms} makes the network refuse ({@code +CMS ERROR: 500}). Like the real ones it echoes
 * what it receives until {@code ATE0}, reports errors as plain {@code ERROR} until {@code AT+CMEE=1}
 * (numbers) or {@code =2} (texts), and, with {@code AT+CVHU=1} as it starts, answers {@code ATH} with OK
 * but leaves a voice call up. Its {@code +CLCC} lines and unsolicited {@code +CLIP} and
 * {@code MISSED_CALL} lines carry phone numbers, as real modems' do: that is what a driver must never
 * log.
 *
 * <p>Call progress: ATD says OK at once (with {@code AT+COLP=0}); the call is listed as dialling (stat
 * 2), rings (stat 3) from {@link ModemBehaviour#alertAfter()}, then goes the way its {@link FarEnd}
 * says, announced by {@code BUSY}, {@code NO ANSWER} or {@code NO CARRIER}. Without a SIM ATD is
 * {@code +CME ERROR: 10}; not registered {@code +CME ERROR: 30}, searching {@code NO DIALTONE}, denied
 * {@code +CME ERROR: 32}; without credit as {@link ModemBehaviour.Refusal} says. Emergency numbers go
 * through regardless.
 *
 * <p>What it was asked is recorded in memory for tests ({@link #commands()}, {@link #placedCalls()},
 * {@link #sentSms()}); nothing of it is logged. An SMS's text is not a command line: it is in
 * {@link #sentSms()} only. All public methods are thread-safe.
 */
public final class SimulatedModem extends VirtualSerialDevice {
    /** The numbers of the strangers whose calls show up unasked (see {@link ModemBehaviour#unsolicitedEvery()}). */
    public static final List<String> STRANGERS = List.of("+441234567890", "+34600111222", "+50255501234");
    /** What the operator says when a call is refused for lack of credit. */
    public static final String NO_CREDIT_TEXT = "Saldo insuficiente. Recargue su saldo para llamar.";

    private static final int MAX_COMMAND_LINE = 556;
    private static final Duration UNSOLICITED_TICK = Duration.ofMillis(20);
    private static final Duration OPERATOR_MESSAGE_AFTER = Duration.ofMillis(100);
    private static final Duration REFUSED_CALL_ENDS_AFTER = Duration.ofMillis(250);
    private static final Map<Integer, String> ERROR_TEXTS = Map.of(3, "operation not allowed", 4,
            "operation not supported", 10, "SIM not inserted", 11, "SIM PIN required", 30, "no network service", 32,
            "network not allowed - emergency calls only", 100, "unknown", 257, "network rejected request");
    private static final byte[] NOISE_BYTES = {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, (byte) 0x80, 0x00, 0x1B,
            '~', '#', (byte) 0xA0, 'O', 'K', '+'};

    /** A call the driver placed, as the modem saw it. */
    public record PlacedCall(String number, Instant at, boolean emergency) {
    }

    /**
     * An SMS the network took, as the modem saw it.
     *
     * @param duringCall whether a call was in progress when its text was sent: the driver must never do that
     */
    public record SentSms(String number, String text, Instant at, boolean duringCall) {
    }

    private final AtomicReference<ModemBehaviour> behaviour;
    private final List<SentSms> sentSms = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger smsFailuresToCome = new java.util.concurrent.atomic.AtomicInteger();
    private volatile java.util.function.Consumer<SentSms> smsWitness = s -> { };
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<PlacedCall> placed = new CopyOnWriteArrayList<>();

    // device thread only
    private final Random random = new Random(20_24);
    private final ByteArrayOutputStream commandLine = new ByteArrayOutputStream();
    private final List<Call> calls = new ArrayList<>();
    private boolean echo = true;
    private int cmee;
    private int cvhu = 1;
    private int colp;
    private int cregMode;
    private int cmgf;
    private String smsNumber; // set while the modem takes an SMS's text after its prompt
    private int smsReferences;
    private long callIds;
    private Instant nextUnsolicited;
    private volatile int listedCalls;

    private static final class Call {
        final long id;
        final String number;
        int stat = 2;

        Call(long id, String number) {
            this.id = id;
            this.number = number;
        }
    }

    private SimulatedModem(ModemBehaviour behaviour) {
        super("gsm-modem");
        this.behaviour = new AtomicReference<>(Objects.requireNonNull(behaviour, "behaviour"));
    }

    /**
     * Starts a modem on a fresh pseudo-terminal pair; drivers open {@link #driverPort()}.
     *
     * @throws IOException socat is missing or the terminal cannot be opened
     */
    public static SimulatedModem start(ModemBehaviour behaviour) throws IOException {
        SimulatedModem modem = new SimulatedModem(behaviour);
        modem.open();
        modem.every(UNSOLICITED_TICK, UNSOLICITED_TICK, modem::maybeUnsolicited);
        return modem;
    }

    /** How it behaves now. */
    public ModemBehaviour behaviour() {
        return behaviour.get();
    }

    /** Changes how it behaves, from the next command on. */
    public void update(UnaryOperator<ModemBehaviour> change) {
        behaviour.updateAndGet(b -> Objects.requireNonNull(change.apply(b), "behaviour"));
    }

    /** Every command line received (without CR), in order; held in memory only. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** Every call placed with ATD, numbers included; held in memory only. */
    public List<PlacedCall> placedCalls() {
        return List.copyOf(placed);
    }

    /** Every SMS the network took, numbers and texts included; held in memory only. */
    public List<SentSms> sentSms() {
        return List.copyOf(sentSms);
    }

    /** The network refuses the next {@code n} SMS ({@code +CMS ERROR: 500}), as with no credit or a congested SMSC. */
    public void failNextSms(int n) {
        smsFailuresToCome.set(n);
    }

    /** Also hands each SMS the network takes to {@code witness} (a site's record), on the modem's thread. */
    public void witnessSms(java.util.function.Consumer<SentSms> witness) {
        smsWitness = Objects.requireNonNull(witness, "witness");
    }

    /** Calls in progress now (what {@code AT+CLCC} would list). */
    public int callsInProgress() {
        return listedCalls;
    }

    /** Sends {@code line} unasked, as a URC (unless silent). */
    public void unsolicited(String line) {
        later(Duration.ZERO, () -> sendLine(line));
    }

    /** Sends raw {@code bytes} unasked, exactly as given (unless silent): noise, half lines. */
    public void unsolicitedBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        later(Duration.ZERO, () -> {
            if (!behaviour.get().silent()) {
                send(copy);
            }
        });
    }

    /**
     * Restarts the modem as a brown-out would: calls are cut, and it forgets its settings (echo on,
     * plain ERROR, ATH leaves voice calls up, OK on answer off); it says {@code RDY} and, with a SIM,
     * {@code +CPIN: READY} and {@code Call Ready}.
     */
    public void powerCycle() {
        later(Duration.ZERO, () -> {
            hangUpAll();
            commandLine.reset();
            smsNumber = null;
            cmgf = 0;
            echo = true;
            cmee = 0;
            cvhu = 1;
            colp = 0;
            cregMode = 0;
            sendLine("RDY");
            if (behaviour.get().sim() == ModemBehaviour.SimCard.READY) {
                sendLine("+CPIN: READY");
                sendLine("Call Ready");
            }
        });
    }

    @Override
    protected void received(byte[] bytes, Instant at) {
        if (behaviour.get().silent()) {
            commandLine.reset();
            return;
        }
        if (echo) {
            send(bytes);
        }
        for (byte b : bytes) {
            if (smsNumber != null) {
                smsText(b, at);
            } else if (b == '\r') {
                String line = commandLine.toString(StandardCharsets.ISO_8859_1).trim();
                commandLine.reset();
                if (!line.isEmpty()) {
                    commands.add(line);
                    command(line, at);
                }
            } else if (b != '\n' && commandLine.size() < MAX_COMMAND_LINE) {
                commandLine.write(b);
            }
        }
    }

    private void command(String line, Instant at) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("AT")) {
            return;
        }
        String c = upper.substring(2);
        ModemBehaviour b = behaviour.get();
        if (c.isEmpty()) {
            reply("OK");
        } else if (c.equals("E0") || c.equals("E")) {
            echo = false;
            reply("OK");
        } else if (c.equals("E1")) {
            echo = true;
            reply("OK");
        } else if (c.startsWith("+CMEE=")) {
            cmee = setting(c, "+CMEE=", 2, cmee);
        } else if (c.equals("+CMEE?")) {
            reply("+CMEE: " + cmee, "OK");
        } else if (c.equals("+CPIN?")) {
            switch (b.sim()) {
                case READY -> reply("+CPIN: READY", "OK");
                case PIN_REQUIRED -> reply("+CPIN: SIM PIN", "OK");
                case ABSENT -> error(10);
            }
        } else if (c.equals("+CSQ")) {
            reply("+CSQ: " + b.csq() + "," + (b.csq() == 99 ? 99 : 0), "OK");
        } else if (c.startsWith("+CREG=")) {
            cregMode = setting(c, "+CREG=", 2, cregMode);
        } else if (c.equals("+CREG?")) {
            reply("+CREG: " + cregMode + "," + registration(b), "OK");
        } else if (c.equals("+COPS?")) {
            reply(registration(b) == 1 || registration(b) == 5 ? "+COPS: 0,0,\"SIM NET\",0" : "+COPS: 0", "OK");
        } else if (c.equals("+CLCC")) {
            List<String> lines = new ArrayList<>();
            for (Call call : calls) {
                lines.add("+CLCC: 1,0," + call.stat + ",0,0,\"" + call.number + "\","
                        + (call.number.startsWith("+") ? 145 : 129));
            }
            lines.add("OK");
            reply(lines.toArray(String[]::new));
        } else if (c.startsWith("+CMGF=")) {
            cmgf = setting(c, "+CMGF=", 1, cmgf);
        } else if (c.startsWith("+CMGS=")) {
            startSms(line.substring(8).trim(), b);
        } else if (c.startsWith("D")) {
            // the number as sent: only upper-casing letters, which a number has none of
            dial(line.substring(3).trim(), at, b);
        } else if (c.equals("H") || c.equals("H0")) {
            if (cvhu == 0) {
                hangUpAll();
            }
            reply("OK");
        } else if (c.equals("+CHUP")) {
            hangUpAll();
            reply("OK");
        } else if (c.startsWith("+CVHU=")) {
            cvhu = setting(c, "+CVHU=", 1, cvhu);
        } else if (c.startsWith("+COLP=")) {
            colp = setting(c, "+COLP=", 1, colp);
        } else if (c.equals("+CGSN") || c.equals("+GSN")) {
            reply(b.imei(), "OK");
        } else if (c.equals("+CIMI")) {
            identity(b, b.imsi());
        } else if (c.equals("+CCID") || c.equals("+ICCID")) {
            identity(b, b.iccid());
        } else {
            reply("ERROR");
        }
    }

    private void startSms(String quoted, ModemBehaviour b) {
        if (cmgf != 1 || quoted.length() < 3 || !quoted.startsWith("\"") || !quoted.endsWith("\"")) {
            reply("ERROR");
            return;
        }
        int reg = registration(b);
        if (reg != 1 && reg != 5) {
            reply("+CMS ERROR: 331");
            return;
        }
        smsNumber = quoted.substring(1, quoted.length() - 1);
        commandLine.reset();
        if (!b.silent()) {
            send("\r\n> ".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** One byte of an SMS's text: Ctrl-Z sends it, ESC abandons it. */
    private void smsText(byte b, Instant at) {
        if (b == 0x1B) {
            smsNumber = null;
            commandLine.reset();
            reply("OK");
        } else if (b == 0x1A) {
            String number = smsNumber;
            String text = commandLine.toString(StandardCharsets.ISO_8859_1);
            smsNumber = null;
            commandLine.reset();
            if (smsFailuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply("+CMS ERROR: 500");
                return;
            }
            SentSms sms = new SentSms(number, text, at, !calls.isEmpty());
            sentSms.add(sms);
            smsWitness.accept(sms);
            reply("+CMGS: " + (++smsReferences % 256), "OK");
        } else if (commandLine.size() < MAX_COMMAND_LINE) {
            commandLine.write(b);
        }
    }

    private void identity(ModemBehaviour b, String value) {
        if (b.sim() == ModemBehaviour.SimCard.ABSENT) {
            error(10);
        } else {
            reply(value, "OK");
        }
    }

    private int setting(String c, String prefix, int max, int current) {
        String v = c.substring(prefix.length());
        if (v.length() == 1 && v.charAt(0) >= '0' && v.charAt(0) <= '0' + max) {
            reply("OK");
            return v.charAt(0) - '0';
        }
        error(3);
        return current;
    }

    private static int registration(ModemBehaviour b) {
        return b.sim() == ModemBehaviour.SimCard.READY ? b.registration().stat() : 0;
    }

    private void dial(String rest, Instant at, ModemBehaviour b) {
        if (!rest.endsWith(";")) {
            // a data call: this modem has none
            reply("NO CARRIER");
            return;
        }
        String number = rest.substring(0, rest.length() - 1);
        if (number.isEmpty() || !calls.isEmpty()) {
            reply("ERROR");
            return;
        }
        boolean emergency = b.emergency(number);
        if (!emergency) {
            if (b.sim() == ModemBehaviour.SimCard.ABSENT) {
                error(10);
                return;
            }
            if (b.sim() == ModemBehaviour.SimCard.PIN_REQUIRED) {
                error(11);
                return;
            }
            switch (b.registration()) {
                case NONE -> {
                    error(30);
                    return;
                }
                case SEARCHING -> {
                    reply("NO DIALTONE");
                    return;
                }
                case DENIED -> {
                    error(32);
                    return;
                }
                default -> { }
            }
        }
        placed.add(new PlacedCall(number, at, emergency));
        if (!emergency && !b.credit() && b.refusal() == ModemBehaviour.Refusal.CME_ERROR) {
            error(257);
            return;
        }
        Call call = new Call(++callIds, number);
        calls.add(call);
        listedCalls = calls.size();
        if (colp == 0) {
            reply("OK");
        }
        if (!emergency && !b.credit()) {
            later(OPERATOR_MESSAGE_AFTER, () -> sendLine("+CUSD: 0,\"" + NO_CREDIT_TEXT + "\",15"));
            later(REFUSED_CALL_ENDS_AFTER, () -> end(call, "NO CARRIER"));
            return;
        }
        progress(call, draw(b.farEnd()), b.alertAfter());
    }

    private FarEnd draw(FarEnd farEnd) {
        FarEnd f = farEnd;
        while (f instanceof FarEnd.Chance chance) {
            f = random.nextDouble() < chance.p() ? chance.answered() : chance.otherwise();
        }
        return f;
    }

    private void progress(Call call, FarEnd farEnd, Duration alertAfter) {
        Duration outcomeAfter;
        if (farEnd instanceof FarEnd.Answers a) {
            outcomeAfter = a.after();
            later(a.after(), () -> answer(call, a));
        } else if (farEnd instanceof FarEnd.Busy busy) {
            outcomeAfter = busy.after();
            later(busy.after(), () -> end(call, "BUSY"));
        } else if (farEnd instanceof FarEnd.NoAnswer none) {
            outcomeAfter = none.after();
            later(none.after(), () -> end(call, "NO ANSWER"));
        } else {
            outcomeAfter = ((FarEnd.Drops) farEnd).after();
            later(outcomeAfter, () -> end(call, "NO CARRIER"));
        }
        if (alertAfter.compareTo(outcomeAfter) < 0) {
            later(alertAfter, () -> {
                if (calls.contains(call) && call.stat == 2) {
                    call.stat = 3;
                }
            });
        }
    }

    private void answer(Call call, FarEnd.Answers answers) {
        if (!calls.contains(call)) {
            return;
        }
        call.stat = 0;
        if (colp == 1) {
            sendLine("+COLP: \"" + call.number + "\"," + (call.number.startsWith("+") ? 145 : 129) + ",\"\",0");
            sendLine("OK");
        }
        if (answers.hangsUpAfter() != null) {
            later(answers.hangsUpAfter(), () -> end(call, "NO CARRIER"));
        }
    }

    private void end(Call call, String word) {
        if (calls.remove(call)) {
            listedCalls = calls.size();
            sendLine(word);
        }
    }

    private void hangUpAll() {
        calls.clear();
        listedCalls = 0;
    }

    private void maybeUnsolicited() {
        ModemBehaviour b = behaviour.get();
        Duration every = b.unsolicitedEvery();
        Instant now = lineTime();
        if (every == null) {
            nextUnsolicited = null;
            return;
        }
        if (nextUnsolicited == null) {
            nextUnsolicited = now.plus(spread(every));
            return;
        }
        if (now.isBefore(nextUnsolicited)) {
            return;
        }
        nextUnsolicited = now.plus(spread(every));
        String stranger = STRANGERS.get(random.nextInt(STRANGERS.size()));
        if (random.nextBoolean()) {
            sendLine("RING");
            sendLine("+CLIP: \"" + stranger + "\",145,\"\",0,\"\",0");
        } else {
            sendLine("MISSED_CALL: 10:15AM " + stranger);
        }
    }

    private Duration spread(Duration every) {
        return Duration.ofNanos((long) (every.toNanos() * (0.5 + random.nextDouble())));
    }

    private void error(int code) {
        reply(switch (cmee) {
            case 1 -> "+CME ERROR: " + code;
            case 2 -> "+CME ERROR: " + ERROR_TEXTS.getOrDefault(code, "unknown");
            default -> "ERROR";
        });
    }

    /** Sends the lines of a reply after the behaviour's reply delay. */
    private void reply(String... lines) {
        Duration delay = behaviour.get().replyDelay();
        if (delay.isZero()) {
            for (String line : lines) {
                sendLine(line);
            }
        } else {
            later(delay, () -> {
                for (String line : lines) {
                    sendLine(line);
                }
            });
        }
    }

    /** One line as a modem frames it, CR LF before and after; maybe noise first; nothing while silent. */
    private void sendLine(String line) {
        ModemBehaviour b = behaviour.get();
        if (b.silent()) {
            return;
        }
        if (b.noise() > 0 && random.nextDouble() < b.noise()) {
            send(noise());
        }
        send(("\r\n" + line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private byte[] noise() {
        int n = 3 + random.nextInt(10);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 2);
        // one byte that is no ASCII at least, so that noise can never read as a word like OK
        out.write(0x80 | random.nextInt(0x80));
        for (int i = 1; i < n; i++) {
            out.write(NOISE_BYTES[random.nextInt(NOISE_BYTES.length)]);
        }
        out.write('\r');
        out.write('\n');
        Logger.trace("simulated modem: {} bytes of noise", out.size());
        return out.toByteArray();
    }
}
