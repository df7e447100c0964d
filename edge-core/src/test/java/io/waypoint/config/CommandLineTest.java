package io.waypoint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    private final CommandLine cli = new CommandLine(Map.of("--broker", "broker.url", "--data", "data.dir"));

    @Test
    void optionsOverrideTheConfigFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("gw.conf");
        Files.writeString(conf, "[broker]\nurl = tcp://file:1883\n[data]\ndir = /var/lib/x\n");
        Settings s = cli.parse("--config", conf.toString(), "--broker", "tcp://cli:1883");
        assertThat(s.string("broker.url", null)).isEqualTo("tcp://cli:1883");
        assertThat(s.string("data.dir", null)).isEqualTo("/var/lib/x");
    }

    @Test
    void acceptsOptionEqualsValue() {
        assertThat(cli.parse("--broker=tcp://a:1").string("broker.url", null)).isEqualTo("tcp://a:1");
    }

    @Test
    void anUnknownOptionListsTheKnownOnes() {
        assertThatThrownBy(() -> cli.parse("--brokr", "x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("command line: --brokr")
                .hasMessageContaining("--broker");
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertThatThrownBy(() -> cli.parse("--broker"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("command line: --broker = (missing): expected a value after --broker");
    }

    @Test
    void aMissingConfigFileNamesIt(@TempDir Path dir) {
        assertThatThrownBy(() -> cli.parse("--config", dir.resolve("none.conf").toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("none.conf");
    }
}
