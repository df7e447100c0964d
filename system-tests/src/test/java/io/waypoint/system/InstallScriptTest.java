package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/install} on its own: bad arguments stop it with exit code 2 and one line, before it
 * writes anything; run again, it keeps the CA and every password and adds what is new. What the
 * configuration it writes does is {@link SiteSecurityTest}'s subject.
 */
class InstallScriptTest {
    @TempDir
    Path dir;

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of(), "usage: scripts/install mosquitto"),
                Arguments.of(List.of("nginx"), "'nginx': expected the component to install, 'mosquitto'"),
                Arguments.of(List.of("mosquitto", "--nodes", "well-01", "--out", "OUT"), "--site is missing"),
                Arguments.of(List.of("mosquitto", "--site", "La_Gloria", "--nodes", "well-01", "--out", "OUT"), "--site = 'La_Gloria': expected"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--out", "OUT"), "--nodes is missing"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01"), "--out is missing"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01,staff", "--out", "OUT"), "'staff' is reserved"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01,,kiosk-01", "--out", "OUT"), "--nodes: '': expected"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01,well-01", "--out", "OUT"), "'well-01' appears twice"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01", "--out", "OUT", "--port", "99999"), "--port = '99999'"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01", "--out", "OUT", "--port"), "--port needs a value"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01", "--out", "OUT", "--tls", "off"), "unknown option '--tls'"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01", "--out", "OUT",
                        "--bridge-to", "ho.example:8883", "--bridge-user", "la-gloria"), "--bridge-ca is missing"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01", "--out", "OUT",
                        "--bridge-to", "ho.example", "--bridge-user", "la-gloria", "--bridge-plaintext"), "--bridge-to = 'ho.example': expected HOST:PORT"),
                Arguments.of(List.of("mosquitto", "--site", "la-gloria", "--nodes", "well-01", "--out", "OUT",
                        "--bridge-user", "la-gloria", "--bridge-plaintext"), "--bridge-to is missing"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitWith2AndOneLineBeforeWritingAnything(List<String> args, String expected) {
        Path out = dir.resolve("out");
        String[] withOut = args.stream().map(a -> a.equals("OUT") ? out.toString() : a).toArray(String[]::new);
        InstallScript.Outcome o = InstallScript.run(dir, withOut);
        assertThat(o.exit()).as("exit code; stderr %s", o.stderr()).isEqualTo(2);
        assertThat(o.stderr()).singleElement().asString().startsWith("install: ").contains(expected);
        assertThat(out).doesNotExist();
    }

    @Test
    void directoriesItMakesAboveTheOutputLetTheBrokersAccountThrough() throws IOException {
        Path out = dir.resolve("etc/waypoint/mosquitto");
        InstallScript.Outcome o = InstallScript.run(dir, "mosquitto", "--site", "la-gloria", "--nodes", "well-01", "--out", out.toString(),
                "--broker-user", System.getProperty("user.name"), "--persistence", dir.resolve("persistence").toString());
        assertThat(o.exit()).as("%s", o.stderr()).isZero();
        // Mosquitto rereads its password file and ACL as --broker-user after dropping root
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("etc/waypoint"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("secrets"))))
                .as("secrets stay the owner's").isEqualTo("rwx------");
    }

    @Test
    void runningAgainAddsANodeAndKeepsTheCaAndEveryPassword() throws IOException {
        Path out = dir.resolve("site");
        String[] first = {"mosquitto", "--site", "la-gloria", "--nodes", "well-01", "--out", out.toString(),
                "--host", "gw.la-gloria.lan,192.168.4.1", "--broker-user", System.getProperty("user.name"),
                "--persistence", dir.resolve("persistence").toString()};
        assertThat(InstallScript.run(dir, first).exit()).isZero();
        byte[] ca = Files.readAllBytes(out.resolve("ca/ca.crt"));
        String well = Files.readString(out.resolve("secrets/well-01.password"));
        String gateway = Files.readString(out.resolve("secrets/gateway.password"));

        String[] second = first.clone();
        second[4] = "well-01,well-02";
        InstallScript.Outcome again = InstallScript.run(dir, second);
        assertThat(again.exit()).as("%s", again.stderr()).isZero();

        assertThat(Files.readAllBytes(out.resolve("ca/ca.crt"))).as("the same CA: the nodes keep trusting the broker").isEqualTo(ca);
        assertThat(Files.readString(out.resolve("secrets/well-01.password"))).isEqualTo(well);
        assertThat(Files.readString(out.resolve("secrets/gateway.password"))).isEqualTo(gateway);
        assertThat(Files.readString(out.resolve("secrets/well-02.password")).strip()).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo(well.strip());
        assertThat(Files.readAllLines(out.resolve("passwd"))).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly("gateway", "staff", "well-01", "well-02");
        assertThat(Files.readString(out.resolve("acl"))).contains("user well-02\ntopic write wp/v1/la-gloria/well-02/state");
        assertThat(Files.readString(out.resolve("clients/well-02.conf"))).contains("node = well-02")
                .contains("url = ssl://gw.la-gloria.lan:8883").contains("username = well-02").contains("ca_file = " + out.resolve("ca/ca.crt"));

        // the renewed server certificate is the CA's, for the names the nodes use
        Process verify = new ProcessBuilder("openssl", "verify", "-CAfile", out.resolve("ca/ca.crt").toString(),
                out.resolve("tls/server.crt").toString()).redirectErrorStream(true).start();
        assertThat(new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains(": OK");
        Process san = new ProcessBuilder("openssl", "x509", "-noout", "-ext", "subjectAltName", "-in",
                out.resolve("tls/server.crt").toString()).redirectErrorStream(true).start();
        assertThat(new String(san.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("DNS:localhost").contains("IP Address:127.0.0.1").contains("DNS:gw.la-gloria.lan").contains("IP Address:192.168.4.1");
    }
}
