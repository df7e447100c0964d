package io.waypoint.sim.serial;

/** A probe profile's registers: pure, apart from what a write starts. Runs on the device thread. */
interface RegisterMap {

    /**
     * The answer to a read ({@link SlaveFrames.ReadRegisters}) or a write ({@link SlaveFrames.WriteSingle},
     * {@link SlaveFrames.WriteMultiple}), given what the probe measures now; the slave answers
     * unsupported and malformed requests itself.
     */
    SlaveFrames.Answer answer(SlaveFrames.Request request, ProbeMeasurement now);

    static RegisterMap of(ProbeProfile profile) {
        if (profile instanceof ProbeProfile.FloatRegisters f) {
            return new FloatProbeRegisters(f.order());
        }
        return new Sen0710Registers();
    }

    /** The quantity of one read: 1 to 125 registers, else exception 3. */
    static boolean validReadQuantity(int quantity) {
        return quantity >= 1 && quantity <= 125;
    }
}
