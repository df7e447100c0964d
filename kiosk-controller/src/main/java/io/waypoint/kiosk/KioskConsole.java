package io.waypoint.kiosk;

import io.waypoint.console.Arg;
import io.waypoint.console.Command;
import io.waypoint.console.ConsoleError;
import io.waypoint.console.ConsoleShell;
import io.waypoint.console.Reply;
import io.waypoint.console.StateChange;
import io.waypoint.drivers.modem.ModemStatus;
import io.waypoint.kiosk.policy.PortState;
import io.waypoint.kiosk.policy.PortStatus;
import io.waypoint.time.Scheduler;
import java.util.Locale;

/**
 * The technician's commands at a kiosk. Nothing here shows a number, a phone or a person: ports,
 * counts, the modem's state.
 */
final class KioskConsole {
    private KioskConsole() {}

    static ConsoleShell shell(Kiosk kiosk, KioskConfig config, Scheduler scheduler, StateChange.Listener changes) {
        return ConsoleShell.builder(config.node().id(), scheduler)
                .greeting(() -> faulted(kiosk) > 0 ? faulted(kiosk) + " charging port(s) locked: type 'ports'" : "")
                .command(Command.named("status")
                        .summary("power, shedding, ports, the phone, Wi-Fi")
                        .handler(args -> Reply.text(status(kiosk, config))).build())
                .command(Command.named("ports")
                        .summary("each charging port: free, charging, done or locked")
                        .handler(args -> Reply.text(ports(kiosk))).build())
                .command(Command.named("port clear")
                        .summary("unlocks a port after an over-current, once the damaged cable or phone is removed")
                        .arg(Arg.number("port").within(1, config.ports()))
                        .example("port clear 3")
                        .changesState()
                        .handler(args -> {
                            int port = (int) args.number("port");
                            if (!(kiosk.charging.port(port).state() instanceof PortState.Faulted)) {
                                throw new ConsoleError("charging port " + port, "not locked", "nothing to clear; 'ports' shows each port");
                            }
                            kiosk.clearPortFault(port);
                            return Reply.text("charging port " + port + " unlocked; its LED shows it free");
                        }).build())
                .command(Command.named("modem")
                        .summary("the free phone's modem: signal, network, faults and what to do")
                        .handler(args -> Reply.text(modem(kiosk.modemStatus()))).build())
                .command(Command.named("credit topped up")
                        .summary("the SIM's credit was topped up: the next ordinary call is tried at once")
                        .changesState()
                        .handler(args -> {
                            if (!kiosk.creditToppedUp()) {
                                throw new ConsoleError("the SIM's credit", "not in doubt",
                                        "no call was refused for credit; 'modem' shows the modem's state");
                            }
                            return Reply.text("the next ordinary call is tried at once; the no-credit fault clears when it gets through");
                        }).build())
                .command(Command.named("screen")
                        .summary("what the panel shows now")
                        .handler(args -> Reply.text(kiosk.screenText())).build())
                .onStateChange(changes)
                .build();
    }

    private static int faulted(Kiosk kiosk) {
        int n = 0;
        for (PortStatus p : kiosk.charging.ports()) {
            if (p.state() instanceof PortState.Faulted) {
                n++;
            }
        }
        return n;
    }

    private static String status(Kiosk kiosk, KioskConfig config) {
        return String.format(Locale.ROOT, "kiosk %s at %s%nbattery:   %.2f V, shedding %s%nports:     %d of %d busy, %d locked%nphone:     %s%nwifi:      %d session(s)",
                config.node().id(), config.node().site(), kiosk.batteryVolts(), kiosk.shedLevel().wireName(), kiosk.charging.busyPorts(),
                config.ports(), faulted(kiosk), kiosk.modemStatus().state(), kiosk.wifi.activeSessions());
    }

    private static String ports(Kiosk kiosk) {
        StringBuilder b = new StringBuilder();
        for (PortStatus p : kiosk.charging.ports()) {
            String state;
            if (p.state() instanceof PortState.Charging c) {
                state = String.format(Locale.ROOT, "charging, %.1f Wh so far", c.wh());
            } else if (p.state() instanceof PortState.Done d) {
                state = "done (" + d.reason().name().toLowerCase(Locale.ROOT) + "), waiting for collection";
            } else if (p.state() instanceof PortState.Faulted f) {
                state = "LOCKED: " + f.fault() + " - remove the cable or phone, then 'port clear " + p.port() + "'";
            } else {
                state = "free";
            }
            b.append(String.format(Locale.ROOT, "port %d: %s%s%n", p.port(), state, p.relayOn() ? " [relay on]" : ""));
        }
        return b.toString().stripTrailing();
    }

    private static String modem(ModemStatus s) {
        if (s.ok()) {
            return String.format(Locale.ROOT, "modem ok: signal %s, network %s", s.signalCsq() == 99 ? "unknown" : s.signalCsq() + "/31",
                    s.network().name().toLowerCase(Locale.ROOT));
        }
        return String.format(Locale.ROOT, "modem %s (%s)%nwhat to do: %s", s.state(), s.evidence(), s.fault().whatToDo());
    }
}
