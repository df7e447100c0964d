package io.waypoint.drivers.modem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One command line for the modem, what it is for and how long it may take. The text of a dial
 * command holds the number: {@link #toString()} never shows it, and nothing but {@link #bytes()}
 * reads it.
 */
final class AtCommand {
    // digits with at most one leading +: '*' and '#' would make ATD run network codes (call
    // forwarding, USSD), 'P', 'W', ',' and ';' would dial more after the call connects
    private static final Pattern DIALLABLE = Pattern.compile("\\+?[0-9]{1,20}");

    /** What a command is for; {@code answer} is the information line it replies with, if any. */
    enum Kind {
        PROBE("AT", null),
        ECHO_OFF("ATE0", null),
        NUMERIC_ERRORS("AT+CMEE=1", null),
        HANG_UP_VOICE_WITH_ATH("AT+CVHU=0", null),
        OK_ON_DIAL("AT+COLP=0", null),
        SIM("AT+CPIN?", AtLine.SimStatus.class),
        SIGNAL("AT+CSQ", AtLine.SignalQuality.class),
        REGISTRATION("AT+CREG?", AtLine.Registration.class),
        DIAL(null, null),
        LIST_CALLS("AT+CLCC", AtLine.CurrentCall.class),
        HANG_UP("ATH", null),
        HANG_UP_CALLS("AT+CHUP", null),
        SYNC("AT+CMEE?", AtLine.ErrorMode.class);

        private final String text;
        private final Class<? extends AtLine> answer;

        Kind(String text, Class<? extends AtLine> answer) {
            this.text = text;
            this.answer = answer;
        }

        /** The command as a log shows it; {@code ATD<number>;} for a dial. */
        String label() {
            return text == null ? "ATD<number>;" : text;
        }
    }

    private final Kind kind;
    private final String text;
    private final Duration timeout;

    private AtCommand(Kind kind, String text, Duration timeout) {
        this.kind = kind;
        this.text = text;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A command of fixed text. */
    static AtCommand of(Kind kind, Duration timeout) {
        if (kind == Kind.DIAL) {
            throw new IllegalArgumentException("a dial command needs a number: use AtCommand.dial");
        }
        return new AtCommand(kind, kind.text, timeout);
    }

    /**
     * {@code ATD<number>;}, a voice call.
     *
     * @throws IllegalArgumentException {@code number} is not digits with an optional leading {@code +};
     *                                  the message does not repeat it
     */
    static AtCommand dial(String number, Duration timeout) {
        requireDiallable(number);
        return new AtCommand(Kind.DIAL, "ATD" + number + ";", timeout);
    }

    /** Refuses what must never be dialled, without saying what it was. */
    static void requireDiallable(String number) {
        if (number == null || !DIALLABLE.matcher(number).matches()) {
            throw new IllegalArgumentException("refused to dial: a number may hold only the digits 0-9 (1 to 20) "
                    + "after an optional leading +; '*' and '#' would run network codes, so the kiosk must offer "
                    + "only digits");
        }
    }

    Kind kind() {
        return kind;
    }

    Duration timeout() {
        return timeout;
    }

    /** Whether {@code line} is the information this command answers with. */
    boolean answeredBy(AtLine line) {
        return kind.answer != null && kind.answer.isInstance(line);
    }

    /** The command line as it goes on the wire, ending in CR. */
    byte[] bytes() {
        return (text + "\r").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return kind.label();
    }
}
