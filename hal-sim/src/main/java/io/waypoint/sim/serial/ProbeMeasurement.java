package io.waypoint.sim.serial;

/** What a simulated probe measures when asked: already wrong if its sensor is faulty. */
record ProbeMeasurement(double ntu, double temperatureC, int errorCode) {
}
