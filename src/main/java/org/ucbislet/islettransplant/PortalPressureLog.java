package org.ucbislet.islettransplant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The portal pressure measurements of one islet infusion, one per aliquot, in the order taken (issue 18 item 1).
 * The stop rule (decision {@code portalPressureRiseStop}) is evaluated after each one on the highest pressure so
 * far; the log itself keeps no threshold. Plain Java, stored as a JSON list.
 */
public final class PortalPressureLog {

  /** One measurement: when it was recorded, the pressure and the fraction of the product infused so far. */
  public record Measurement(String measuredAt, double pressureMmHg, double infusedFractionPercent) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Measurement> measurements;

  private PortalPressureLog(List<Measurement> measurements) {
    this.measurements = List.copyOf(measurements);
  }

  public static PortalPressureLog empty() {
    return new PortalPressureLog(List.of());
  }

  /** The log stored as JSON; empty when absent. */
  public static PortalPressureLog fromJson(String json) {
    if (json == null || json.isBlank()) {
      return empty();
    }
    try {
      return new PortalPressureLog(JSON.readValue(json, new TypeReference<List<Measurement>>() { }));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("portalPressureMeasurements is not a JSON list of measurements", e);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(measurements);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<Measurement> measurements() {
    return measurements;
  }

  public Optional<Measurement> last() {
    return measurements.isEmpty() ? Optional.empty() : Optional.of(measurements.get(measurements.size() - 1));
  }

  /**
   * The problem with a next measurement, if any: the fraction infused so far can only grow (a lower value is a typing
   * error or a measurement entered twice).
   */
  public Optional<String> problemWithNext(double infusedFractionPercent) {
    return last().filter(l -> infusedFractionPercent < l.infusedFractionPercent())
        .map(l -> "must not be lower than at the previous measurement (" + fmt(l.infusedFractionPercent())
            + " %), was " + fmt(infusedFractionPercent) + " %");
  }

  public PortalPressureLog with(Measurement next) {
    List<Measurement> all = new ArrayList<>(measurements);
    all.add(next);
    return new PortalPressureLog(all);
  }

  /** The highest pressure measured during this infusion; empty before the first measurement. */
  public Optional<Double> peakMmHg() {
    return measurements.stream().map(Measurement::pressureMmHg).max(Double::compare);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
