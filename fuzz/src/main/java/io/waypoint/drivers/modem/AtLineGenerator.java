package io.waypoint.drivers.modem;

import io.waypoint.fuzz.HostileValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes what a GSM modem might say: final results, the information lines the modem logic reads
 * ({@code +CSQ}, {@code +CREG}, {@code +CPIN}, {@code +CLCC}, {@code +CMEE}), error texts, call
 * progress words, lines that carry numbers, unsolicited codes and echoes, with fields missing,
 * doubled, huge or not numbers, odd spacing and case, and every line ending modems use.
 */
final class AtLineGenerator {
    private static final List<String> FIXED = List.of("OK", "ERROR", "RING", "NO CARRIER", "BUSY", "NO ANSWER",
            "NO DIALTONE", "NO DIAL TONE", "ok", "Ok", "+CMS ERROR: 500", "AT+CLCC", "ATD+50766123456;", "ATE0",
            "+CPIN: READY", "+CPIN: SIM PIN", "+CPIN: SIM PUK2", "+CPIN: NOT INSERTED", "+CPIN: NO SIM", "+CPIN: NOT READY",
            "+CPIN: ", "+CUSD: 0,\"Saldo insuficiente\",15", "+CLIP: \"+50766123456\",145,\"\",0,\"\",0",
            "+COLP: \"66123456\",129", "+CCWA: \"+50766123456\",145,1", "MISSED_CALL: 12:40PM +50766123456",
            "+CME ERROR: SIM not inserted", "+CME ERROR: network rejected request", "+CME ERROR: operation not allowed",
            "+CME ERROR: unknown", "+CME ERROR: 30", "+CME ERROR: ", "+CREG: 0,1", "+CREG: 5", "+CREG: 1,\"00C3\",\"0010A5F1\"",
            "+CREG: 2,5,\"00C3\",\"0010A5F1\",7", "+CMEE: 1", "+CSQ: 18,99", "+CSQ: 99,99", "+CLCC: 1,0,0,0,0,\"+50766123456\",145",
            "+CLCC: 1,0,3,0,0,\"\",129", "+QIND: \"csq\",20,99", "+CPMS: \"SM\",0,30", "SMS Ready", "Call Ready", "+CFUN: 1");
    private static final List<String> PREFIXES = List.of("+CSQ:", "+CREG:", "+CMEE:", "+CPIN:", "+CLCC:", "+CME ERROR:",
            "+CMS ERROR:", "+CLIP:", "+CUSD:", "+COLP:", "+CCWA:", "MISSED_CALL", "+CGREG:", "+CEREG:", "+C", "+", "AT");
    private static final List<String> ENDINGS = List.of("\r\n", "\r\n", "\r\n", "\n", "\r", "\r\r\n", "\n\r", "");

    private AtLineGenerator() {
    }

    /**
     * A modem's side of a whole session, its answers in the order the session asks: the probe, the
     * setup, SIM, signal and registration, then a call (dialled, ringing, answered, ended, or busy, or
     * refused) with its list polls; now and then an answer wrong, missing or doubled, and unasked lines
     * (RING, a caller's number, an operator's text, a registration change) between them.
     */
    static byte[] conversation(SplittableRandom r) {
        List<String> answers = new java.util.ArrayList<>(List.of("OK", "OK", "OK", "OK", "OK", "+CPIN: READY\r\n\r\nOK",
                "+CSQ: 18,99\r\n\r\nOK", "+CREG: 0,1\r\n\r\nOK"));
        String call = "1,0,%d,0,0,\"+50766123456\",145";
        switch (r.nextInt(6)) {
            case 0 -> answers.add("+CME ERROR: " + HostileValues.pick(r, List.of("257", "3", "network rejected request", "30")));
            case 1 -> answers.addAll(List.of("OK", "+CLCC: " + String.format(call, 2) + "\r\n\r\nOK", "BUSY"));
            default -> {
                answers.add("OK");
                answers.add("+CLCC: " + String.format(call, 2) + "\r\n\r\nOK");
                answers.add("+CLCC: " + String.format(call, 3) + "\r\n\r\nOK");
                for (int i = r.nextInt(1, 5); i > 0; i--) {
                    answers.add("+CLCC: " + String.format(call, 0) + "\r\n\r\nOK");
                }
                answers.add(r.nextBoolean() ? "NO CARRIER" : "OK"); // hung up by the far end, or gone from the list
                answers.add("OK");
            }
        }
        for (int i = 0; i < 4; i++) {
            answers.add("+CPIN: READY\r\n\r\nOK");
            answers.add("+CSQ: " + r.nextInt(0, 32) + ",99\r\n\r\nOK");
            answers.add("+CREG: 0," + HostileValues.pick(r, List.of("1", "5", "2", "3")) + "\r\n\r\nOK");
        }
        int wrong = r.nextInt(3) == 0 ? 0 : r.nextInt(1, 4);
        for (int i = 0; i < wrong; i++) {
            int at = r.nextInt(answers.size());
            switch (r.nextInt(5)) {
                case 0 -> answers.remove(at);
                case 1 -> answers.add(at, answers.get(at));
                case 2 -> answers.set(at, line(r));
                default -> answers.add(at, HostileValues.pick(r, List.of("RING", "+CLIP: \"+50766123456\",145", "+CREG: 5",
                        "+CUSD: 0,\"Saldo insuficiente\",15", "MISSED_CALL: 12:40PM +50766123456", "+CMTI: \"SM\",3", line(r))));
            }
        }
        StringBuilder s = new StringBuilder();
        for (String a : answers) {
            s.append("\r\n").append(a).append("\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] lines(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        if (r.nextInt(4) == 0) {
            s.append("\r\n");
        }
        int lines = r.nextInt(1, r.nextInt(8) == 0 ? 40 : 6);
        for (int i = 0; i < lines; i++) {
            s.append(line(r)).append(HostileValues.pick(r, ENDINGS));
        }
        byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(10) == 0) {
            // noise on the line: a byte that is no text at all
            text[r.nextInt(text.length)] = (byte) (0x80 | r.nextInt(128));
        }
        return text;
    }

    static List<byte[]> seeds() {
        return List.of(b("\r\nOK\r\n"), b("\r\n+CSQ: 18,99\r\n\r\nOK\r\n"), b("\r\n+CREG: 0,1\r\n\r\nOK\r\n"),
                b("\r\n+CPIN: READY\r\n\r\nOK\r\n"), b("\r\n+CLCC: 1,0,2,0,0,\"+50766123456\",145\r\n\r\nOK\r\n"),
                b("\r\nOK\r\n\r\nNO CARRIER\r\n"), b("\r\n+CME ERROR: 257\r\n"), b("\r\nRING\r\n\r\n+CLIP: \"+50766123456\",145\r\n"),
                b("\r\n+CMEE: 1\r\n\r\nOK\r\n"), conversation(new SplittableRandom(3)));
    }

    private static String line(SplittableRandom r) {
        String line = switch (r.nextInt(12)) {
            case 0, 1, 2, 3 -> HostileValues.pick(r, FIXED);
            case 4 -> "+CSQ: " + field(r) + "," + field(r);
            case 5 -> "+CREG: " + fields(r, r.nextInt(1, 6));
            case 6 -> "+CLCC: " + fields(r, r.nextInt(2, 8)) + (r.nextBoolean() ? ",\"+50766123456\",145" : "");
            case 7 -> "+CME ERROR: " + (r.nextBoolean() ? field(r) : HostileValues.text(r));
            case 8 -> "+CMEE: " + field(r);
            case 9 -> HostileValues.pick(r, PREFIXES) + " " + fields(r, r.nextInt(0, 4));
            case 10 -> "+" + (r.nextBoolean() ? "Q" + "X".repeat(r.nextInt(1, 6)) : HostileValues.number(r)) + ": " + field(r);
            default -> "x".repeat(r.nextInt(1, r.nextInt(10) == 0 ? 700 : 40));
        };
        if (r.nextInt(10) == 0) {
            line = " ".repeat(r.nextInt(1, 4)) + line + "\t";
        }
        if (r.nextInt(12) == 0) {
            line = line.toLowerCase(java.util.Locale.ROOT);
        }
        return line;
    }

    private static String fields(SplittableRandom r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(r.nextInt(15) == 0 ? ",," : ",");
            }
            s.append(field(r));
        }
        return s.toString();
    }

    private static String field(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0, 1, 2 -> Integer.toString(r.nextInt(0, 32));
            case 3 -> HostileValues.number(r);
            case 4 -> " " + r.nextInt(0, 6) + " ";
            default -> HostileValues.anyValue(r);
        };
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
