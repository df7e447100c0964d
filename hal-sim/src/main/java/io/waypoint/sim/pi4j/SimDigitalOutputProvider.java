package io.waypoint.sim.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import io.waypoint.sim.board.SimBoard;
import java.util.function.Supplier;

/** Pi4J's digital output provider in sim mode: pins of the simulated board. */
public final class SimDigitalOutputProvider extends DigitalOutputProviderBase {
    /** The provider id, for a config that names its provider. */
    public static final String ID = "waypoint-sim-digital-output";

    private final Supplier<SimBoard> board;

    SimDigitalOutputProvider(Supplier<SimBoard> board) {
        super(ID, "waypoint hal-sim digital output");
        this.board = board;
    }

    @Override
    public int getPriority() {
        return SimProviders.PRIORITY;
    }

    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
        SimDigitalOutput output = new SimDigitalOutput(this, config, board.get());
        context.registry().add(output);
        return output;
    }
}
