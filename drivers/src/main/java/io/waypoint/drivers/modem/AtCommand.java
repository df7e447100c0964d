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
        SYNC("AT+CMEE?", AtLine.ErrorMode.class),
        TEXT_MODE("AT+CMGF=1", null),
        SEND_SMS(null, AtLine.SmsReference.class),
        /** The text of an SMS and Ctrl-Z, written after the {@code >} prompt; never queued. */
        SMS_BODY(null, null),
        /** ESC: abandons an SMS at its {@code >} prompt, so the modem stops taking what follows as text. */
        SMS_CANCEL(null, null);

        private final String text;
        private final Class<? extends AtLine> answer;

        Kind(String text, Class<? extends AtLine> answer) {
            this.text = text;
            this.answer = answer;
        }

        /** The command as a log shows it: never a number or a message's text. */
        String label() {
            return switch (this) {
                case DIAL -> "ATD<number>;";
                case SEND_SMS -> "AT+CMGS=\"<number>\"";
                case SMS_BODY -> "<message text>^Z";
                case SMS_CANCEL -> "<ESC>";
                default -> text;
            };
        }
    }

    /** The characters an SMS text may hold: see {@link #requireSmsText}. */
    private static final Pattern SMS_TEXT = Pattern.compile("[A-Za-z0-9 !\"#%&'()*+,\\-./:;<=>?_]{1,160}");
    private static final byte CTRL_Z = 0x1A;
    private static final byte ESC = 0x1B;

    private final Kind kind;
    private final byte[] bytes;
    private final Duration timeout;

    private AtCommand(Kind kind, byte[] bytes, Duration timeout) {
        this.kind = kind;
        this.bytes = bytes;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    private AtCommand(Kind kind, String line, Duration timeout) {
        this(kind, (line + "\r").getBytes(StandardCharsets.US_ASCII), timeout);
    }

    /** A command of fixed text. */
    static AtCommand of(Kind kind, Duration timeout) {
        if (kind.text == null) {
            throw new IllegalArgumentException(kind + " has no fixed text: use AtCommand.dial, sms, smsBody or smsCancel");
        }
        return new AtCommand(kind, kind.text, timeout);
    }

    /**
     * {@code AT+CMGS="<number>"}: the modem answers with the {@code >} prompt, then takes {@link #smsBody}
     * and answers {@code +CMGS: <ref>} and OK (in text mode, {@code AT+CMGF=1}).
     *
     * @throws IllegalArgumentException {@code number} is not digits with an optional leading {@code +};
     *                                  the message does not repeat it
     */
    static AtCommand sms(String number, Duration timeout) {
        requireDiallable(number);
        return new AtCommand(Kind.SEND_SMS, "AT+CMGS=\"" + number + "\"", timeout);
    }

    /** The text of an SMS and Ctrl-Z, as written after the prompt; {@code text} as {@link #requireSmsText} allows. */
    static AtCommand smsBody(String text) {
        requireSmsText(text);
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] b = java.util.Arrays.copyOf(t, t.length + 1);
        b[t.length] = CTRL_Z;
        return new AtCommand(Kind.SMS_BODY, b, Duration.ZERO);
    }

    /** ESC, which abandons an SMS at its prompt. */
    static AtCommand smsCancel() {
        return new AtCommand(Kind.SMS_CANCEL, new byte[] {ESC}, Duration.ZERO);
    }

    /**
     * Refuses an SMS text that is empty, longer than one SMS (160 characters of the GSM 7-bit alphabet)
     * or holds a character outside the part of that alphabet every modem's text mode passes unchanged:
     * ASCII letters, digits, space and {@code !"#%&'()*+,-./:;<=>?_}. Not {@code @} and {@code $} (their
     * codes differ between the modem's character sets), not {@code [\]^{|}~} and the backtick (escape
     * sequences of two septets, or absent), no control characters (Ctrl-Z would end the text early).
     * The message does not repeat the text.
     */
    static void requireSmsText(String text) {
        if (text == null || !SMS_TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("refused to send an SMS: the text must be 1 to 160 of ASCII letters, digits, "
                    + "space and !\"#%&'()*+,-./:;<=>?_ (" + (text == null ? "none" : text.length() + " characters")
                    + " given); fold other characters before sending");
        }
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

    /** The command as it goes on the wire: a line ending in CR, or an SMS's text and Ctrl-Z, or ESC. */
    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return kind.label();
    }
}
