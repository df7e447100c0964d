package io.waypoint.well;

import io.waypoint.drivers.modbus.ProbeReading;
import io.waypoint.drivers.modbus.TurbidityProbe;
import io.waypoint.drivers.turbidity.AnalogTurbiditySensor;
import io.waypoint.drivers.turbidity.TurbidityCalibration;
import io.waypoint.drivers.turbidity.TurbidityReading;
import java.util.Optional;

/** The well's turbidity sensor, analog or Modbus, as the node samples it. */
interface TurbidityInput extends AutoCloseable {

    TurbiditySample read();

    /** One line for {@code status}: what sensor, where. */
    String describe();

    /** The analog sensor's calibration, if this sensor is calibrated on the node. */
    Optional<AnalogTurbiditySensor> calibratable();

    @Override
    default void close() {
    }

    static TurbidityInput analog(AnalogTurbiditySensor sensor, String where) {
        return new TurbidityInput() {
            @Override
            public TurbiditySample read() {
                TurbidityReading r = sensor.read();
                if (r instanceof TurbidityReading.Ntu n) {
                    return TurbiditySample.ok(n.ntu(), n.sensorVolts());
                }
                TurbidityReading.Fault f = (TurbidityReading.Fault) r;
                return TurbiditySample.fault(f.sensorField(), f.message(), f.sensorVolts());
            }

            @Override
            public String describe() {
                TurbidityCalibration c = sensor.calibration();
                return "analog turbidity sensor on " + where + ", calibration of " + c.points().size() + " points";
            }

            @Override
            public Optional<AnalogTurbiditySensor> calibratable() {
                return Optional.of(sensor);
            }
        };
    }

    static TurbidityInput probe(TurbidityProbe probe, AutoCloseable link) {
        return new TurbidityInput() {
            @Override
            public TurbiditySample read() {
                ProbeReading r = probe.read();
                if (r instanceof ProbeReading.Measured m) {
                    return TurbiditySample.ok(m.ntu(), Double.NaN);
                }
                ProbeReading.Fault f = (ProbeReading.Fault) r;
                return TurbiditySample.fault(f.sensorState(), f.detail(), Double.NaN);
            }

            @Override
            public String describe() {
                return probe.describe();
            }

            @Override
            public Optional<AnalogTurbiditySensor> calibratable() {
                return Optional.empty();
            }

            @Override
            public void close() {
                try {
                    link.close();
                } catch (Exception e) {
                    // closing a serial port on the way out: nothing more to do
                }
            }
        };
    }
}
