package io.waypoint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @Test
    void plainSectionsPrefixTheirKeys() {
        ConfigFile f = ConfigFile.parse("site.conf", """
                # a comment
                site = la-gloria
                [broker]
                url = tcp://localhost:1883   # trailing comment
                """);
        assertThat(f.flat()).containsOnlyKeys("site", "broker.url");
        assertThat(f.flat().get("broker.url").value()).isEqualTo("tcp://localhost:1883");
        assertThat(f.flat().get("broker.url").line()).isEqualTo(4);
    }

    @Test
    void namedSectionsAreListedByKind() {
        ConfigFile f = ConfigFile.parse("rules.conf", """
                [rule turbidity_high]
                kind = threshold
                [rule node_offline]
                kind = offline
                """);
        assertThat(f.sections("rule")).extracting(ConfigFile.Section::name).containsExactly("turbidity_high", "node_offline");
    }

    @Test
    void aKeySetTwiceNamesBothLines() {
        assertThatThrownBy(() -> ConfigFile.parse("x.conf", "a = 1\n\na = 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.conf line 3: a = '2': expected each key once; it is already set on line 1");
    }

    @Test
    void aLineWithoutEqualsIsRefusedWithItsLineNumber() {
        assertThatThrownBy(() -> ConfigFile.parse("x.conf", "ok = 1\nnonsense\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("x.conf line 2")
                .hasMessageContaining("key = value");
    }

    @Test
    void aMissingFileIsAConfigError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");
        assertThatThrownBy(() -> ConfigFile.read(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void bytesThatAreNotUtf8AreAConfigError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.conf");
        Files.write(f, new byte[] {'a', '=', (byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> ConfigFile.read(f)).isInstanceOf(ConfigException.class).hasMessageContaining("UTF-8");
    }
}
