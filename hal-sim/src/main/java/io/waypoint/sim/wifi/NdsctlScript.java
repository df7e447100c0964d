package io.waypoint.sim.wifi;

import java.nio.file.Path;

/**
 * The fake {@code ndsctl}: a {@code /bin/sh} script that behaves, to whoever runs it, like openNDS's
 * ndsctl (ndsctl.c): the same commands, output and exit codes. Like the real one, which sends its
 * request over a Unix socket to the openNDS daemon, it sends the request line
 * ({@code <command> <arguments joined by commas>}) over the simulator's Unix socket with socat and
 * prints what comes back; no JVM starts per call.
 *
 * <p>Exit codes, as openNDS 10's ndsctl: 0 done; 1 usage, unknown command, or openNDS said no
 * ("Failed to authenticate client ...", "Client ... not found."); 2 an abnormal reply; 3 the daemon
 * is not running ("ndsctl: opennds probably not started (Error: ...)" on stderr); 4 busy ("ndsctl
 * thread is busy, please try later."). The simulator answers {@value #BUSY_REPLY} for a busy call.
 */
final class NdsctlScript {
    static final String BUSY_REPLY = "ndsctl-sim: busy";

    private NdsctlScript() {}

    static String text(Path socat, Path socket) {
        return "#!/bin/sh\n"
                + "# ndsctl for waypoint's simulated access point (hal-sim). It answers as openNDS's ndsctl does,\n"
                + "# by asking the simulator over its socket as the real one asks the openNDS daemon.\n"
                + "SOCAT=" + quote(socat.toString()) + "\n"
                + "SOCK=" + quote(socket.toString()) + "\n"
                + "usage() {\n"
                + "  echo 'Usage: ndsctl [options] command [arguments]'\n"
                + "  echo 'commands: status, json [mac|ip|token], auth mac|ip|token minutes uprate downrate "
                + "upquota downquota custom, deauth mac|ip|token'\n"
                + "}\n"
                + "[ $# -ge 1 ] || { usage; exit 1; }\n"
                + "cmd=$1\n"
                + "shift\n"
                + "case \"$cmd\" in\n"
                + "  -h) usage; exit 0 ;;\n"
                + "  json|status|auth|deauth) ;;\n"
                + "  *) echo \"Unknown command: $cmd\" >&2; exit 1 ;;\n"
                + "esac\n"
                + "args=$(printf '%s,' \"$@\")\n"
                + "args=${args%,}\n"
                + "reply=$(printf '%s %s\\r\\n\\r\\n' \"$cmd\" \"$args\" | \"$SOCAT\" -t 3600 - \"UNIX-CONNECT:$SOCK\" "
                + "2>/dev/null)\n"
                + "if [ $? -ne 0 ]; then\n"
                + "  if [ -S \"$SOCK\" ]; then why='Connection refused'; else why='No such file or directory'; fi\n"
                + "  echo \"ndsctl: opennds probably not started (Error: $why)\" >&2\n"
                + "  exit 3\n"
                + "fi\n"
                + "if [ \"$reply\" = '" + BUSY_REPLY + "' ]; then\n"
                + "  echo 'ndsctl thread is busy, please try later.'\n"
                + "  exit 4\n"
                + "fi\n"
                + "case \"$cmd\" in\n"
                + "  json|status) printf '%s\\n' \"$reply\"; exit 0 ;;\n"
                + "  auth)\n"
                + "    case \"$reply\" in\n"
                + "      Yes) echo \"Client $1 authenticated.\"; exit 0 ;;\n"
                + "      No) echo \"Failed to authenticate client $1.\"; exit 1 ;;\n"
                + "    esac ;;\n"
                + "  deauth)\n"
                + "    case \"$reply\" in\n"
                + "      Yes) echo \"Client $1 deauthenticated.\"; exit 0 ;;\n"
                + "      No) echo \"Client $1 not found.\"; exit 1 ;;\n"
                + "    esac ;;\n"
                + "esac\n"
                + "echo 'ndsctl: Error: opennds sent an abnormal reply.' >&2\n"
                + "exit 2\n";
    }

    /** {@code value} as one single-quoted shell word. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
