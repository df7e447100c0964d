package io.waypoint.sim.pi4j;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import io.waypoint.sim.board.SimBoard;

/** A GPIO output on the simulated board: every level driven is recorded on the board's output pin. */
final class SimDigitalOutput extends DigitalOutputBase {
    private final SimBoard board;

    SimDigitalOutput(DigitalOutputProvider provider, DigitalOutputConfig config, SimBoard board) {
        super(provider, config);
        this.board = board;
    }

    @Override
    public DigitalOutput state(DigitalState state) throws IOException {
        if (state != DigitalState.UNKNOWN) {
            board.driveOutput(config.address(), state.isHigh());
        }
        return super.state(state);
    }
}
