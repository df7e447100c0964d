package io.waypoint.kiosk.panel;

import java.text.Normalizer;

/**
 * Folds text to what an HD44780 with the A00 ROM can show: printable ASCII, one character for each
 * character of the input (so a screen keeps its layout). Accented letters lose their accent
 * ({@code é → e}, {@code ñ → n}, {@code ç → c}, {@code ò → o}), typographic punctuation becomes
 * its plain form ({@code ¿ → ?}, {@code « → "}, {@code – → -}), and the two ASCII characters the
 * ROM replaces ({@code \} shows as ¥, {@code ~} as →) become {@code /} and {@code -}. Control
 * characters become spaces; anything else becomes {@code ?}. Deterministic: the same text always
 * folds the same way.
 */
public final class AsciiFold {
    private static final String FROM = "\u00a0\u202f¿¡«»“”„‘’‚′–—‐‑−…·•°ßæÆœŒøØđĐłŁı";
    private static final String TO = "  ?!\"\"\"\"\"''''-----..*osaAoOoOdDlLi";

    private AsciiFold() {
    }

    /** {@code text} folded, as many characters as {@code text} has code points. */
    public static String fold(CharSequence text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> b.append(fold(cp)));
        return b.toString();
    }

    /** One code point folded. */
    static char fold(int cp) {
        if (cp >= 0x20 && cp < 0x7f) {
            return cp == '\\' ? '/' : cp == '~' ? '-' : (char) cp;
        }
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            return ' ';
        }
        int special = cp <= 0xffff ? FROM.indexOf(cp) : -1;
        if (special >= 0) {
            return TO.charAt(special);
        }
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        char base = decomposed.charAt(0);
        if (base >= 0x20 && base < 0x7f && base != '\\' && base != '~') {
            return base;
        }
        return '?';
    }
}
