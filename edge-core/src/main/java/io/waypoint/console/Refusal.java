package io.waypoint.console;

/** A line that cannot run, with the text that tells the technician why and what to type. */
final class Refusal extends Exception {
    Refusal(String forTechnician) {
        super(forTechnician, null, false, false);
    }

    String forTechnician() {
        return getMessage();
    }
}
