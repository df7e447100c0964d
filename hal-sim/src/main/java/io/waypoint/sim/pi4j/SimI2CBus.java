package io.waypoint.sim.pi4j;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBusBase;
import com.pi4j.io.i2c.I2CConfig;
import java.util.concurrent.Callable;

/**
 * One simulated {@code /dev/i2c-N}: Pi4J's own bus lock serialises the transactions of every device
 * on it, and wraps a failed transaction in a {@code Pi4JException} exactly as on a board.
 */
final class SimI2CBus extends I2CBusBase {
    SimI2CBus(I2CConfig config) {
        super(config);
    }

    @Override
    public <R> R execute(I2C i2c, Callable<R> action) {
        return _execute(i2c, action);
    }
}
