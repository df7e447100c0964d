package io.waypoint.drivers.opennds;

/** Why an openNDS call failed: the typed content of an {@link OpenNdsException}. */
public enum OpenNdsProblem {
    /** No ndsctl at the configured path, or openNDS's own scripts are missing. */
    NOT_INSTALLED("is not installed",
            "install openNDS (apt install opennds, or opkg install opennds) or configure the right path to ndsctl"),
    /** ndsctl ran but the openNDS daemon does not answer on its socket. */
    NOT_RUNNING("says openNDS is not running",
            "start it (systemctl start opennds, or /etc/init.d/opennds start) and check its log (logread -e opennds)"),
    /** openNDS stayed busy with another ndsctl call through every retry. */
    BUSY("stayed busy through every retry",
            "another program calls ndsctl often (a FAS, BinAuth or status script): make it call less often"),
    /** ndsctl may not be run by this user, or sudo would not run it. */
    PERMISSION_DENIED("was refused permission",
            "ndsctl must run as root: set the command prefix to \"sudo -n\" and allow this user to run ndsctl "
                    + "without a password in /etc/sudoers.d/"),
    /** ndsctl did not finish within the call timeout and was killed. */
    TIMEOUT("did not answer in time",
            "openNDS may be hung or the board overloaded: check its log (logread -e opennds) and restart it"),
    /** ndsctl answered with something that is not its client list. */
    UNREADABLE("answered with output that is not its JSON client list",
            "check that the installed openNDS is version 9 or later (ndsctl status)"),
    /** The phone is not on the portal's list (it left), or has no session to end. */
    CLIENT_GONE("has no such phone, or no session for it", "nothing to repair: list the clients again"),
    /** openNDS would not authenticate the phone: it is not waiting at the portal (already through, or blocked). */
    REFUSED("refused to authenticate the phone",
            "nothing to repair: the phone is already authenticated or blocked; list the clients again"),
    /** ndsctl failed in a way this adapter does not recognise. */
    FAILED("failed", "run ndsctl status as root to see what openNDS says, and check its log (logread -e opennds)");

    private final String meaning;
    private final String whatToDo;

    OpenNdsProblem(String meaning, String whatToDo) {
        this.meaning = meaning;
        this.whatToDo = whatToDo;
    }

    /** What happened, in words, following "ndsctl at /usr/bin/ndsctl". */
    public String meaning() {
        return meaning;
    }

    /** What a technician should do. */
    public String whatToDo() {
        return whatToDo;
    }
}
