package io.waypoint.drivers.opennds;

/**
 * How one ndsctl call ended. The output may name phones: it stays inside the adapter.
 *
 * @param exitCode its exit code (meaningless when {@code timedOut})
 * @param output   what it printed, standard output and error together
 * @param timedOut whether it was killed at the call timeout
 */
record NdsctlRun(int exitCode, String output, boolean timedOut) {

    @Override
    public String toString() {
        return timedOut ? "ndsctl killed at its timeout" : "ndsctl exit " + exitCode + ", " + output.length() + " characters";
    }
}
