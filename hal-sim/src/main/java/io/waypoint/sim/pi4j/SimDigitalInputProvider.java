package io.waypoint.sim.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import io.waypoint.sim.board.SimBoard;
import java.util.function.Supplier;

/** Pi4J's digital input provider in sim mode: pins of the simulated board. */
public final class SimDigitalInputProvider extends DigitalInputProviderBase {
    /** The provider id, for a config that names its provider. */
    public static final String ID = "waypoint-sim-digital-input";

    private final Supplier<SimBoard> board;

    SimDigitalInputProvider(Supplier<SimBoard> board) {
        super(ID, "waypoint hal-sim digital input");
        this.board = board;
    }

    @Override
    public int getPriority() {
        return SimProviders.PRIORITY;
    }

    @Override
    public DigitalInput create(DigitalInputConfig config) {
        SimDigitalInput input = new SimDigitalInput(this, config, board.get());
        context.registry().add(input);
        return input;
    }
}
