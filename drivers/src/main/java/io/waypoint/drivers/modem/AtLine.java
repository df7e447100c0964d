package io.waypoint.drivers.modem;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What one line from a modem says. A line is bytes: whatever is not printable ASCII is never decoded
 * as text, so noise and non-UTF-8 bytes cost nothing but the line.
 *
 * <p>Lines that carry a phone number ({@code +CLCC}, {@code +CLIP}, {@code +COLP}, {@code +CCWA},
 * {@code MISSED_CALL}) and operator texts ({@code +CUSD}) are recognised by their prefix; the fields
 * before the number are read from the bytes and the rest is never turned into a string, so no
 * parsed line holds a number. {@link #kind()} is what a log may say about a line.
 */
sealed interface AtLine {

    /** What a log may say about this line: its kind and harmless fields, never its content. */
    String kind();

    /** Whether this line ends any command's response. */
    default boolean endsAnyCommand() {
        return false;
    }

    /** Call progress words: the final result of ATD, or unsolicited during a call. */
    enum Progress {
        NO_CARRIER("NO CARRIER"), BUSY("BUSY"), NO_ANSWER("NO ANSWER"), NO_DIALTONE("NO DIALTONE");

        final String text;

        Progress(String text) {
            this.text = text;
        }
    }

    /** What {@code +CPIN:} says about the SIM. */
    enum Sim {
        READY, PIN_REQUIRED, PUK_REQUIRED, NOT_INSERTED, NOT_READY
    }

    record Ok() implements AtLine {
        @Override
        public String kind() {
            return "OK";
        }

        @Override
        public boolean endsAnyCommand() {
            return true;
        }
    }

    record Error() implements AtLine {
        @Override
        public String kind() {
            return "ERROR";
        }

        @Override
        public boolean endsAnyCommand() {
            return true;
        }
    }

    /** {@code +CME ERROR: n} (or a text that names n); {@code code} is -1 for a text not known. */
    record CmeError(int code) implements AtLine {
        @Override
        public String kind() {
            return "+CME ERROR " + (code < 0 ? "(unknown text)" : code);
        }

        @Override
        public boolean endsAnyCommand() {
            return true;
        }
    }

    record CallProgress(Progress progress) implements AtLine {
        @Override
        public String kind() {
            return progress.text;
        }
    }

    /** {@code +CSQ: rssi,ber}. */
    record SignalQuality(int rssi, int ber) implements AtLine {
        @Override
        public String kind() {
            return "+CSQ " + rssi + "," + ber;
        }
    }

    /** {@code +CREG:} registration stat (0 none, 1 home, 2 searching, 3 denied, 4 unknown, 5 roaming). */
    record Registration(int stat) implements AtLine {
        @Override
        public String kind() {
            return "+CREG stat " + stat;
        }
    }

    /** {@code +CMEE: n}, how errors are reported: the answer to the sync after a timeout. */
    record ErrorMode(int mode) implements AtLine {
        @Override
        public String kind() {
            return "+CMEE " + mode;
        }
    }

    record SimStatus(Sim sim) implements AtLine {
        @Override
        public String kind() {
            return "+CPIN " + sim;
        }
    }

    /**
     * One {@code +CLCC} entry without its number.
     *
     * @param outgoing direction 0: a call this modem placed
     * @param stat     0 active, 1 held, 2 dialling, 3 alerting, 4 incoming, 5 waiting
     * @param voice    mode 0
     */
    record CurrentCall(int index, boolean outgoing, int stat, boolean voice) implements AtLine {
        @Override
        public String kind() {
            return "+CLCC stat " + stat + (outgoing ? " outgoing" : " incoming") + (voice ? "" : " not voice");
        }
    }

    record Ring() implements AtLine {
        @Override
        public String kind() {
            return "RING";
        }
    }

    /** A line that names a caller or the called party ({@code +CLIP}, {@code +COLP}, {@code +CCWA}, {@code MISSED_CALL}). */
    record PartyInfo(String prefix) implements AtLine {
        @Override
        public String kind() {
            return prefix;
        }
    }

    /** {@code +CUSD}: a text from the operator, e.g. that there is no credit; never read. */
    record OperatorMessage() implements AtLine {
        @Override
        public String kind() {
            return "+CUSD";
        }
    }

    /** {@code >}: the modem waits for an SMS's text (after {@code AT+CMGS}); it comes without CR/LF. */
    record Prompt() implements AtLine {
        @Override
        public String kind() {
            return "> prompt";
        }
    }

    /** {@code +CMGS: <mr>}: the network took an SMS; {@code reference} is its message reference. */
    record SmsReference(int reference) implements AtLine {
        @Override
        public String kind() {
            return "+CMGS " + reference;
        }
    }

    /** Our own command coming back while echo is on. */
    record Echo() implements AtLine {
        @Override
        public String kind() {
            return "echo";
        }
    }

    /**
     * Anything else: an unknown {@code +XXX:} line (kind is its prefix), other text, or bytes that are
     * not printable ASCII.
     */
    record Unknown(String what, int length) implements AtLine {
        @Override
        public String kind() {
            return what + " (" + length + " bytes)";
        }
    }

    /** Reads one line (without its CR/LF). */
    static AtLine parse(byte[] line) {
        return LineParser.parse(line);
    }

    /** The parser, kept out of the interface's public face. */
    final class LineParser {
        private static final Map<String, String> NUMBER_PREFIXES = Map.of(
                "+CLIP:", "+CLIP", "+COLP:", "+COLP", "+CCWA:", "+CCWA", "MISSED_CALL", "MISSED_CALL");
        // CMEE=2 texts (3GPP TS 27.007 9.2, and SIMCom's 257) for the codes the modem logic acts on
        private static final Map<String, Integer> CME_TEXTS = Map.ofEntries(
                Map.entry("operation not allowed", 3), Map.entry("operation not supported", 4),
                Map.entry("sim not inserted", 10), Map.entry("sim pin required", 11),
                Map.entry("sim puk required", 12), Map.entry("sim failure", 13), Map.entry("sim busy", 14),
                Map.entry("sim wrong", 15), Map.entry("no network service", 30), Map.entry("network timeout", 31),
                Map.entry("network not allowed - emergency calls only", 32), Map.entry("unknown", 100),
                Map.entry("network rejected request", 257));
        private static final int MAX_FIELD_DIGITS = 6;

        private LineParser() {}

        static AtLine parse(byte[] raw) {
            int start = 0;
            int end = raw.length;
            while (start < end && (raw[start] == ' ' || raw[start] == '\t')) {
                start++;
            }
            while (end > start && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) {
                end--;
            }
            int length = end - start;
            // lines that may hold a number are told by their prefix before anything is decoded
            if (startsWith(raw, start, end, "+CLCC:")) {
                return currentCall(raw, start + 6, end, length);
            }
            for (Map.Entry<String, String> p : NUMBER_PREFIXES.entrySet()) {
                if (startsWith(raw, start, end, p.getKey())) {
                    return new PartyInfo(p.getValue());
                }
            }
            if (startsWith(raw, start, end, "+CUSD:")) {
                return new OperatorMessage();
            }
            if (!printableAscii(raw, start, end)) {
                return new Unknown("unreadable", length);
            }
            String s = new String(raw, start, length, StandardCharsets.US_ASCII);
            String upper = s.toUpperCase(Locale.ROOT);
            switch (upper) {
                case "OK":
                    return new Ok();
                case "ERROR":
                    return new Error();
                case "RING":
                    return new Ring();
                case ">":
                    return new Prompt();
                case "NO CARRIER":
                    return new CallProgress(Progress.NO_CARRIER);
                case "BUSY":
                    return new CallProgress(Progress.BUSY);
                case "NO ANSWER":
                    return new CallProgress(Progress.NO_ANSWER);
                case "NO DIALTONE":
                case "NO DIAL TONE":
                    return new CallProgress(Progress.NO_DIALTONE);
                default:
                    break;
            }
            if (upper.startsWith("AT")) {
                return new Echo();
            }
            if (upper.startsWith("+CME ERROR:")) {
                return cmeError(s.substring(11).trim());
            }
            if (upper.startsWith("+CMS ERROR:")) {
                return new Error();
            }
            if (upper.startsWith("+CMGS:")) {
                int[] f = integers(s.substring(6), 1);
                return f == null ? new Unknown("+CMGS malformed", length) : new SmsReference(f[0]);
            }
            if (upper.startsWith("+CSQ:")) {
                int[] f = integers(s.substring(5), 2);
                return f == null ? new Unknown("+CSQ malformed", length) : new SignalQuality(f[0], f[1]);
            }
            if (upper.startsWith("+CREG:")) {
                return registration(s.substring(6), length);
            }
            if (upper.startsWith("+CMEE:")) {
                int[] f = integers(s.substring(6), 1);
                return f == null ? new Unknown("+CMEE malformed", length) : new ErrorMode(f[0]);
            }
            if (upper.startsWith("+CPIN:")) {
                return simStatus(upper.substring(6).trim(), length);
            }
            int colon = s.indexOf(':');
            if (s.startsWith("+") && colon > 1 && isCodeName(s, 1, colon)) {
                return new Unknown(upper.substring(0, colon), length);
            }
            return new Unknown("text", length);
        }

        /**
         * Whether {@code s} from {@code from} to {@code to} is shaped like a result code's name
         * ({@code QIND}, {@code CGREG}, {@code C5GREG}): a letter, then letters and digits, at most
         * 16 in all and at most 3 of them digits. The name goes into {@link #kind()}, which logs show:
         * "+50766123456: ..." is no code, and its number must not reach a log.
         */
        private static boolean isCodeName(String s, int from, int to) {
            if (to - from > 16 || !isAsciiLetter(s.charAt(from))) {
                return false;
            }
            int digits = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (!isAsciiLetter(c)) {
                    return false;
                }
            }
            return digits <= 3;
        }

        private static boolean isAsciiLetter(char c) {
            return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
        }

        private static AtLine cmeError(String detail) {
            if (!detail.isEmpty() && detail.chars().allMatch(Character::isDigit) && detail.length() <= MAX_FIELD_DIGITS) {
                return new CmeError(Integer.parseInt(detail));
            }
            Integer code = CME_TEXTS.get(detail.toLowerCase(Locale.ROOT));
            return new CmeError(code == null ? -1 : code);
        }

        /**
         * {@code +CREG: n,stat[,lac,ci]} answers {@code AT+CREG?}; {@code +CREG: stat[,"lac","ci"]} is
         * the unsolicited form: the stat is the second field only when that is a bare number.
         */
        private static AtLine registration(String fields, int length) {
            String[] f = fields.trim().split(",");
            if (f.length >= 2 && isNumber(f[1].trim())) {
                return new Registration(Integer.parseInt(f[1].trim()));
            }
            if (f.length >= 1 && isNumber(f[0].trim())) {
                return new Registration(Integer.parseInt(f[0].trim()));
            }
            return new Unknown("+CREG malformed", length);
        }

        private static AtLine simStatus(String value, int length) {
            return switch (value) {
                case "READY" -> new SimStatus(Sim.READY);
                case "SIM PIN", "SIM PIN2" -> new SimStatus(Sim.PIN_REQUIRED);
                case "SIM PUK", "SIM PUK2" -> new SimStatus(Sim.PUK_REQUIRED);
                case "NOT INSERTED", "SIM NOT INSERTED", "NO SIM" -> new SimStatus(Sim.NOT_INSERTED);
                case "NOT READY" -> new SimStatus(Sim.NOT_READY);
                default -> new Unknown("+CPIN other", length);
            };
        }

        /** {@code idx,dir,stat,mode,mpty,"number",type}: reads the first four fields from the bytes, stops there. */
        private static AtLine currentCall(byte[] raw, int from, int end, int length) {
            int[] f = new int[4];
            int field = 0;
            int value = -1;
            int digits = 0;
            for (int i = from; i < end && field < 4; i++) {
                byte b = raw[i];
                if (b >= '0' && b <= '9' && digits < MAX_FIELD_DIGITS) {
                    value = (value < 0 ? 0 : value * 10) + (b - '0');
                    digits++;
                } else if (b == ',') {
                    if (value < 0) {
                        return new Unknown("+CLCC malformed", length);
                    }
                    f[field++] = value;
                    value = -1;
                    digits = 0;
                } else if (b != ' ') {
                    return new Unknown("+CLCC malformed", length);
                }
            }
            if (field < 4) {
                return new Unknown("+CLCC malformed", length);
            }
            return new CurrentCall(f[0], f[1] == 0, f[2], f[3] == 0);
        }

        private static int[] integers(String fields, int count) {
            String[] f = fields.trim().split(",");
            if (f.length < count) {
                return null;
            }
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                String v = f[i].trim();
                if (!isNumber(v)) {
                    return null;
                }
                values[i] = Integer.parseInt(v);
            }
            return values;
        }

        private static boolean isNumber(String s) {
            return !s.isEmpty() && s.length() <= MAX_FIELD_DIGITS && s.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        private static boolean startsWith(byte[] raw, int start, int end, String prefix) {
            if (end - start < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (Character.toUpperCase((char) (raw[start + i] & 0xFF)) != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean printableAscii(byte[] raw, int start, int end) {
            for (int i = start; i < end; i++) {
                if (raw[i] < 0x20 || raw[i] > 0x7E) {
                    return false;
                }
            }
            return true;
        }
    }
}
