package io.waypoint.console;

import java.util.ArrayList;
import java.util.List;

/** Splits a line into words at spaces; double or single quotes keep spaces inside one word. */
final class Tokens {
    private Tokens() {
    }

    static List<String> split(String line) throws Refusal {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new Refusal("A quote (" + quote + ") is not closed. Type the line again with the closing " + quote + ".");
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
