package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scripts/install gateway|sensor-node|kiosk}: an app as a systemd service, run for real under a
 * staging root ({@code --root}, so nothing touches this machine's /etc) and as a dry run. The jar is a
 * stand-in file (the script copies it, and with {@code --no-cds} never runs it); the config holds a
 * password that must never be printed.
 */
class ServiceInstallTest {
    private static final String PASSWORD = "pw-Zq8xT3vL0mN7rK2c";

    @TempDir
    Path dir;
    Path root;
    Path config;
    Path jar;

    @BeforeEach
    void fixtures() throws IOException {
        root = dir.resolve("root");
        config = dir.resolve("well-01.conf");
        Files.writeString(config, "site = la-gloria\nnode = well-01\n[broker]\nurl = ssl://gw.la-gloria.lan:8883\n"
                + "username = well-01\npassword = " + PASSWORD + "\nca_file = /etc/waypoint/ca.crt\n");
        jar = dir.resolve("app.jar");
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    }

    private InstallScript.Outcome install(String app, String... more) {
        List<String> args = new ArrayList<>(List.of(app, "--jar", jar.toString(), "--no-cds", "--root", root.toString()));
        args.addAll(List.of(more));
        InstallScript.Outcome o = InstallScript.run(dir, args.toArray(String[]::new));
        assertThat(o.stdout() + String.join("\n", o.stderr())).as("no password printed").doesNotContain(PASSWORD);
        return o;
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                files.put(root.relativize(p).toString(), mode + " " + (Files.isRegularFile(p)
                        ? Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() : "dir"));
            }
        }
        return files;
    }

    private static String execStart(Path unit) throws IOException {
        return Files.readAllLines(unit).stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    }

    @Test
    void dryRunListsEveryActionAndChangesNothing() throws IOException {
        Path mosquittoConf = root.resolve("etc/waypoint/mosquitto/mosquitto.conf");
        Files.createDirectories(mosquittoConf.getParent());
        Files.writeString(mosquittoConf, "listener 8883\n");
        Map<String, String> before = tree(root);

        InstallScript.Outcome o = install("gateway", "--config", config.toString(), "--mosquitto", "/etc/waypoint/mosquitto", "--dry-run");

        assertThat(o.exit()).as("stderr %s", o.stderr()).isZero();
        assertThat(tree(root)).as("a dry run writes nothing").isEqualTo(before);
        assertThat(o.stdout())
                .contains("would run useradd --system --user-group --home-dir /var/lib/waypoint --no-create-home --shell /usr/sbin/nologin waypoint")
                .contains("would make directory /var/lib/waypoint/gateway (0750 waypoint:waypoint)")
                .contains("would write /etc/waypoint/gateway.conf (0640 root:waypoint, from " + config + ", 7 lines; not shown")
                .contains("would write /opt/waypoint/lib/gateway.jar (0644 root:root")
                .contains("would write /etc/systemd/system/waypoint-gateway.service (0644 root:root")
                .contains("    | ExecStart=")
                .contains("would write /etc/systemd/journald.conf.d/waypoint.conf (0644 root:root")
                .contains("would write /etc/systemd/system/mosquitto.service.d/waypoint.conf (0644 root:root")
                .contains("    | ExecStart=/usr/sbin/mosquitto -c /etc/waypoint/mosquitto/mosquitto.conf")
                .contains("would run systemctl daemon-reload")
                .contains("would run systemctl enable mosquitto.service")
                .contains("would run systemctl enable waypoint-gateway.service")
                .contains("would run systemctl restart waypoint-gateway.service")
                .contains("nothing was changed");
        assertThat(o.stdout()).as("the config's content is never shown").doesNotContain("username = well-01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "sensor-node", "kiosk"})
    void stagedUnitRunsTheInstalledJarWithTheFlagsOfJvmFlagsAndSystemdAcceptsIt(String app) throws Exception {
        String module = app.equals("kiosk") ? "kiosk-controller" : app;
        InstallScript.Outcome o = install(app, "--config", config.toString());
        assertThat(o.exit()).as("stderr %s", o.stderr()).isZero();
        Path unit = root.resolve("etc/systemd/system/waypoint-" + app + ".service");

        String flags = tool("scripts/jvm-flags", module, root + "/opt/waypoint/lib/" + module + ".jar").strip();
        String java = tool("bash", "-c", "command -v java").strip();
        assertThat(execStart(unit)).isEqualTo("ExecStart=" + java + " " + flags + " -jar /opt/waypoint/lib/" + module + ".jar"
                + " --config /etc/waypoint/" + app + ".conf --data /var/lib/waypoint/" + app);
        String text = Files.readString(unit);
        assertThat(text).contains("\nUser=waypoint\n", "\nRestart=on-failure\n", "\nRestartPreventExitStatus=2\n",
                "\nNoNewPrivileges=yes\n", "\nProtectSystem=strict\n", "\nAfter=network-online.target",
                "\nWatchdogSec=90\n", "\nNotifyAccess=all\n", "\nWantedBy=multi-user.target\n");
        assertThat(text.contains("\nPrivateDevices=yes\n")).as("only the gateway, which touches no hardware, loses /dev")
                .isEqualTo(app.equals("gateway"));
        if (app.equals("kiosk")) {
            // ndsctl talks to openNDS through /tmp/ndsctl.sock: a private /tmp would cut the Wi-Fi off
            assertThat(text).contains("\nPrivateTmp=no\n", "\nReadWritePaths=/var/lib/waypoint/kiosk /tmp\n");
        } else {
            assertThat(text).contains("\nPrivateTmp=yes\n", "\nReadWritePaths=/var/lib/waypoint/" + app + "\n");
        }

        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here");
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(said).isZero();
        assertThat(said).as("no warning about the unit").doesNotContain(unit.getFileName().toString());
    }

    @Test
    void aClassDataSharingArchiveNewerThanTheJarIsMappedFromItsPathOnTheBoard() throws IOException {
        assertThat(install("sensor-node", "--config", config.toString()).exit()).isZero();
        Path archive = root.resolve("opt/waypoint/lib/sensor-node.jsa");
        Files.write(archive, new byte[] {1});
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(install("sensor-node").exit()).isZero();

        assertThat(execStart(root.resolve("etc/systemd/system/waypoint-sensor-node.service")))
                .contains(" -XX:SharedArchiveFile=/opt/waypoint/lib/sensor-node.jsa -jar ").doesNotContain(root.toString());
    }

    @Test
    void theConfigIsReadableByTheServiceGroupOnlyAndTheDataDirByItsUser() throws IOException {
        Path ca = dir.resolve("ca.crt");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        assertThat(install("sensor-node", "--config", config.toString(), "--ca", ca.toString()).exit()).isZero();

        assertThat(mode(root.resolve("etc/waypoint/sensor-node.conf"))).isEqualTo("rw-r-----");
        assertThat(Files.readString(root.resolve("etc/waypoint/sensor-node.conf"))).isEqualTo(Files.readString(config));
        assertThat(mode(root.resolve("etc/waypoint/ca.crt"))).isEqualTo("rw-r--r--");
        assertThat(mode(root.resolve("var/lib/waypoint/sensor-node"))).isEqualTo("rwxr-x---");
        assertThat(mode(root.resolve("etc/systemd/system/waypoint-sensor-node.service"))).isEqualTo("rw-r--r--");
        assertThat(Files.readAllBytes(root.resolve("opt/waypoint/lib/sensor-node.jar"))).isEqualTo(Files.readAllBytes(jar));
    }

    @Test
    void runningAgainChangesNothingAndKeepsTheConfigWhenNoneIsGiven() throws IOException {
        assertThat(install("kiosk", "--config", config.toString()).exit()).isZero();
        Map<String, String> first = tree(root);

        InstallScript.Outcome again = install("kiosk", "--config", config.toString());
        assertThat(again.exit()).isZero();
        assertThat(tree(root)).as("same files, modes and times").isEqualTo(first);
        assertThat(again.stdout()).doesNotContain("\nwrite ").contains("unchanged /etc/systemd/system/waypoint-kiosk.service");

        InstallScript.Outcome upgrade = install("kiosk");
        assertThat(upgrade.exit()).as("stderr %s", upgrade.stderr()).isZero();
        assertThat(upgrade.stdout()).contains("unchanged /etc/waypoint/kiosk.conf (kept: no --config given)");
        assertThat(Files.readString(root.resolve("etc/waypoint/kiosk.conf"))).isEqualTo(Files.readString(config));
    }

    @Test
    void aKioskThatRunsNdsctlThroughSudoMayGainPrivileges() throws IOException {
        Files.writeString(config, Files.readString(config) + "[wifi]\nsudo = true\n");
        InstallScript.Outcome o = install("kiosk", "--config", config.toString());
        assertThat(o.exit()).isZero();
        assertThat(o.stdout()).contains("[wifi] sudo = true: the unit allows new privileges");
        assertThat(Files.readString(root.resolve("etc/systemd/system/waypoint-kiosk.service"))).contains("\nNoNewPrivileges=no\n");
    }

    @Test
    void theGatewayWithTheSiteBrokerStartsAfterTheMosquittoThatRunsTheSiteConfig() throws Exception {
        Path mosquittoConf = root.resolve("etc/waypoint/mosquitto/mosquitto.conf");
        Files.createDirectories(mosquittoConf.getParent());
        Files.writeString(mosquittoConf, "listener 8883\n");

        assertThat(install("gateway", "--config", config.toString(), "--mosquitto", "/etc/waypoint/mosquitto").exit()).isZero();

        assertThat(Files.readString(root.resolve("etc/systemd/system/mosquitto.service.d/waypoint.conf")))
                .contains("\nExecStart=\nExecStart=/usr/sbin/mosquitto -c /etc/waypoint/mosquitto/mosquitto.conf\n");
        assertThat(Files.readString(root.resolve("etc/systemd/system/waypoint-gateway.service")))
                .contains("\nAfter=network-online.target mosquitto.service\n", "\nWants=network-online.target mosquitto.service\n");

        // Debian's unit with the drop-in beside it: a Type=notify service refuses a second ExecStart, so
        // systemd accepting it proves the drop-in replaces the command rather than adding one
        Path debianUnit = Path.of("/lib/systemd/system/mosquitto.service");
        assumeTrue(onPath("systemd-analyze") && Files.isRegularFile(debianUnit), "systemd-analyze or Debian's mosquitto.service is not here");
        Path units = dir.resolve("units");
        Files.createDirectories(units.resolve("mosquitto.service.d"));
        Files.copy(debianUnit, units.resolve("mosquitto.service"));
        Files.copy(root.resolve("etc/systemd/system/mosquitto.service.d/waypoint.conf"), units.resolve("mosquitto.service.d/waypoint.conf"));
        Process verify = new ProcessBuilder("systemd-analyze", "verify", units.resolve("mosquitto.service").toString())
                .redirectErrorStream(true).start();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(said).isZero();
        assertThat(said).doesNotContain("mosquitto.service");
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("sensor-node", "--config", "CONF", "--root", "relative/dir"), "--root = 'relative/dir': expected an absolute"),
                Arguments.of(List.of("sensor-node", "--root", "ROOT"), "--config is missing: /etc/waypoint/sensor-node.conf is not installed yet"),
                Arguments.of(List.of("sensor-node", "--config", "/nonexistent/well.conf", "--root", "ROOT"), "--config = '/nonexistent/well.conf': expected a readable config file"),
                Arguments.of(List.of("kiosk", "--config", "CONF", "--jar", "/nonexistent/k.jar", "--root", "ROOT"), "--jar = '/nonexistent/k.jar': expected the app's runnable jar"),
                Arguments.of(List.of("kiosk", "--config", "CONF", "--ca", "CONF", "--root", "ROOT"), "--ca = '"),
                Arguments.of(List.of("sensor-node", "--config", "CONF", "--mosquitto", "/etc/waypoint/mosquitto", "--root", "ROOT"), "--mosquitto is for the gateway only"),
                Arguments.of(List.of("gateway", "--config", "CONF", "--mosquitto", "/etc/waypoint/mosquitto", "--root", "ROOT"),
                        "--mosquitto = '/etc/waypoint/mosquitto': no mosquitto.conf in"),
                Arguments.of(List.of("gateway", "--config", "CONF", "--root"), "--root needs a value"),
                Arguments.of(List.of("gateway", "--config", "CONF", "--watchdog", "10s"), "unknown option '--watchdog'"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitWith2AndOneLineBeforeChangingAnything(List<String> args, String expected) {
        String[] resolved = args.stream().map(a -> switch (a) {
            case "CONF" -> config.toString();
            case "ROOT" -> root.toString();
            default -> a;
        }).toArray(String[]::new);
        InstallScript.Outcome o = InstallScript.run(dir, resolved);
        assertThat(o.exit()).as("exit code; stdout %s stderr %s", o.stdout(), o.stderr()).isEqualTo(2);
        assertThat(o.stderr()).singleElement().asString().startsWith("install: ").contains(expected);
        assertThat(o.stdout()).isEmpty();
        assertThat(root).doesNotExist();
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    /** Runs a repository script or a tool and returns its stdout, failing when it fails. */
    private static String tool(String... cmd) {
        List<String> c = new ArrayList<>(List.of(cmd));
        if (c.get(0).startsWith("scripts/")) {
            c.set(0, InstallScript.script().resolveSibling(c.get(0).substring("scripts/".length())).toString());
        }
        try {
            Process p = new ProcessBuilder(c).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s", c).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
