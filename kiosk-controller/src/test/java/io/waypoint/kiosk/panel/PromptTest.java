package io.waypoint.kiosk.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PromptTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    @Test
    void everyPromptFitsTwentyColumnsInEveryLanguageWithItsWidestValuesAfterFolding() {
        for (Prompt p : Prompt.values()) {
            for (Language l : Language.values()) {
                List<String> lines = p.render(l, Prompt.WIDEST);
                assertThat(lines).as(p + " " + l).hasSizeBetween(1, Screen.ROWS);
                for (String line : lines) {
                    assertThat(AsciiFold.fold(line).length()).as(p + " " + l + ": '" + line + "'")
                            .isLessThanOrEqualTo(Screen.COLUMNS);
                }
            }
        }
    }

    @Test
    void everyLanguageHasTheSameLinesAndPlaceholdersAsSpanish() {
        for (Prompt p : Prompt.values()) {
            List<String> spanish = p.template(Language.SPANISH);
            for (Language l : Language.values()) {
                List<String> lines = p.template(l);
                assertThat(lines).as(p + " " + l).hasSameSizeAs(spanish);
                for (int i = 0; i < lines.size(); i++) {
                    assertThat(placeholders(lines.get(i))).as(p + " " + l + " line " + (i + 1))
                            .isEqualTo(placeholders(spanish.get(i)));
                    assertThat(lines.get(i).isBlank()).as(p + " " + l + " line " + (i + 1)).isFalse();
                }
            }
        }
    }

    @Test
    void noLetterOfAnyPromptIsLostInFolding() {
        for (Prompt p : Prompt.values()) {
            for (Language l : Language.values()) {
                for (String line : p.template(l)) {
                    assertThat(AsciiFold.fold(line)).as(p + " " + l).doesNotContain("?");
                }
            }
        }
    }

    @Test
    void noPromptUsesAWordThatFoldsIntoAnotherWord() {
        // each of these loses or changes its meaning without its accent
        Map<Language, Set<String>> risky = Map.of(
                Language.SPANISH, Set.of("año", "años", "papá", "mamá"),
                Language.FRENCH, Set.of("où", "sûr", "dû", "côte", "pêche"),
                Language.HAITIAN_CREOLE, Set.of("sè", "bò", "pè", "lè", "fè"),
                Language.PORTUGUESE, Set.of("é", "avó", "avô", "pôr", "pôde", "nós", "vovó"));
        for (Prompt p : Prompt.values()) {
            for (Map.Entry<Language, Set<String>> e : risky.entrySet()) {
                for (String line : p.template(e.getKey())) {
                    for (String word : line.toLowerCase().split("[^\\p{L}]+")) {
                        assertThat(e.getValue()).as(p + " " + e.getKey() + ": '" + line + "'").doesNotContain(word);
                    }
                }
            }
        }
    }

    @Test
    void creoleWordsStayRecognisableFolded() {
        Map<String, String> folded = Map.ofEntries(
                Map.entry("Chaje telefòn", "Chaje telefon"),
                Map.entry("Apèl gratis", "Apel gratis"),
                Map.entry("Chajè", "Chaje"),
                Map.entry("Kreyòl", "Kreyol"),
                Map.entry("Batri a fèb", "Batri a feb"),
                Map.entry("Pa gen entènèt", "Pa gen entenet"),
                Map.entry("Eseye ankò", "Eseye anko"),
                Map.entry("Nimewo a twò kout", "Nimewo a two kout"),
                Map.entry("Pran yon lòt", "Pran yon lot"),
                Map.entry("Sèlman 0 a 9", "Selman 0 a 9"),
                Map.entry("Mèsi", "Mesi"),
                Map.entry("Nou regrèt", "Nou regret"));
        for (Map.Entry<String, String> e : folded.entrySet()) {
            assertThat(AsciiFold.fold(e.getKey())).isEqualTo(e.getValue());
        }
        // and they are the words the panel uses
        String allCreole = String.join("\n", allLines(Language.HAITIAN_CREOLE));
        for (String word : List.of("telefòn", "Apèl gratis", "Chajè", "fèb", "entènèt", "ankò", "twò", "lòt", "Sèlman",
                "Mèsi", "regrèt")) {
            assertThat(allCreole).contains(word);
        }
    }

    @Test
    void theLanguageScreenIsTheSameInEveryLanguage() {
        for (Language l : Language.values()) {
            assertThat(Prompt.LANGUAGE.template(l)).isEqualTo(Prompt.LANGUAGE.template(Language.SPANISH));
        }
    }

    private static List<String> allLines(Language l) {
        return java.util.Arrays.stream(Prompt.values()).flatMap(p -> p.template(l).stream()).toList();
    }

    private static Set<String> placeholders(String line) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(line);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
