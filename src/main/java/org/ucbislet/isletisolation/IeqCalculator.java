package org.ucbislet.isletisolation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Islet equivalents (IEQ) from islet counts per diameter class: the protocol's "count islet purification and
 * convert to islet equivalent (IEQ)" (stage 2), used by {@code POST /api/islets/ieq} (design.md section 6) and
 * by the isolation process. Plain Java, no engine.
 *
 * <ul>
 *   <li>{@code islets} = the number of islets counted, all classes together;</li>
 *   <li>{@code ieq} = sum over the classes of count x factor;</li>
 *   <li>when a sample was counted ({@code sampleVolumeUl} and {@code suspensionVolumeMl} both given, never
 *       only one), both are scaled up to the whole suspension by suspensionVolumeMl x 1000 / sampleVolumeUl
 *       (domain.md Part B 4.1: IEQ_total = sum(count x factor) x total volume / sample volume); the scaled
 *       islet number is rounded to a whole islet, the IEQ is not rounded;</li>
 *   <li>{@code ieqPerKg} = ieq / recipientWeightKg ({@code null} from {@link #calculateProduct}, before a
 *       recipient is chosen);</li>
 *   <li>{@code isletParticleIndex} = ieq / islets, computed before rounding (so it equals the sample's
 *       IEQ / count); {@code null} when no islet was counted (undefined).</li>
 * </ul>
 *
 * Nothing is rounded on the way to {@code ieqPerKg}: rounding could lift a dose over the release threshold of
 * {@code isletProductRelease}. Arithmetic is decimal (16 significant digits), so 10 islets x 0.167 is 1.67,
 * not 1.6700000000000002.
 */
public final class IeqCalculator {

  /** Request field names (design.md section 6), used in validation messages. */
  public static final String COUNTS_FIELD = "counts";
  public static final String RECIPIENT_WEIGHT_FIELD = "recipientWeightKg";
  public static final String SAMPLE_VOLUME_FIELD = "sampleVolumeUl";
  public static final String SUSPENSION_VOLUME_FIELD = "suspensionVolumeMl";

  /**
   * IEQ conversion factor per 50 um diameter class (class key -> islet equivalents per islet): the ONE place
   * these numbers live. Source: domain.md Part A (IEQ) and Part B 4.1 (Ricordi 1990 convention; 1 IEQ = a
   * spherical islet of 150 um diameter), each factor = (d_low^3 + d_high^3) / (2 x 150^3).
   * Tagged U in domain.md Part B 4.1: computed from that formula, they equal the values widely used in islet
   * labs, but the Ricordi table itself was not found - confirm against the processing lab's SOP before
   * clinical use (domain.md: defaults tagged U are listed in the README as "requires sign-off by the trial's
   * clinical team").
   */
  public static final Map<String, BigDecimal> FACTORS = factors(
      "50-100", "0.167",
      "100-150", "0.648",
      "150-200", "1.685",
      "200-250", "3.500",
      "250-300", "6.315",
      "300-350", "10.352",
      ">=350", "15.833");

  /** The diameter class keys (contract, design.md section 6), smallest first. */
  public static final List<String> DIAMETER_CLASSES = List.copyOf(FACTORS.keySet());

  private static final MathContext PRECISION = MathContext.DECIMAL64;
  private static final BigDecimal MICROLITRES_PER_MILLILITRE = BigDecimal.valueOf(1000);

  private IeqCalculator() {}

  /** IEQ of counts made on the whole product (no sample scaling). */
  public static IeqResult calculate(IsletCounts counts, Double recipientWeightKg) {
    return calculate(counts, recipientWeightKg, null, null);
  }

  /**
   * IEQ of the product before it is allocated to a recipient (islet isolation): as
   * {@link #calculate(IsletCounts, Double, Double, Double)}, with {@code ieqPerKg} null.
   */
  public static IeqResult calculateProduct(IsletCounts counts, Double sampleVolumeUl, Double suspensionVolumeMl) {
    return calculate(counts, null, sampleVolumeUl, suspensionVolumeMl, false);
  }

  /**
   * IEQ of the product.
   *
   * @param counts islet counts per diameter class; those of the sample when the volumes are given
   * @param recipientWeightKg recipient weight in kg, greater than 0
   * @param sampleVolumeUl volume of the counted sample in microlitres, or {@code null} when the whole product
   *     was counted; given together with {@code suspensionVolumeMl}
   * @param suspensionVolumeMl volume of the whole islet suspension in millilitres, or {@code null}
   * @throws IeqValidationException naming the field and the problem
   */
  public static IeqResult calculate(IsletCounts counts, Double recipientWeightKg, Double sampleVolumeUl,
                                    Double suspensionVolumeMl) {
    return calculate(counts, recipientWeightKg, sampleVolumeUl, suspensionVolumeMl, true);
  }

  private static IeqResult calculate(IsletCounts counts, Double recipientWeightKg, Double sampleVolumeUl,
                                     Double suspensionVolumeMl, boolean perKg) {
    if (counts == null) {
      throw new IeqValidationException(COUNTS_FIELD, "is required");
    }
    BigDecimal weight = perKg ? positive(RECIPIENT_WEIGHT_FIELD, recipientWeightKg) : null;
    Scale scale = scale(sampleVolumeUl, suspensionVolumeMl);

    long counted = counts.total();
    BigDecimal countedIeq = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> factor : FACTORS.entrySet()) {
      countedIeq = countedIeq.add(BigDecimal.valueOf(counts.count(factor.getKey())).multiply(factor.getValue()));
    }

    BigDecimal ieq = scale.apply(countedIeq);
    long islets = scale.apply(BigDecimal.valueOf(counted)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    Double ieqPerKg = weight == null ? null : ieq.divide(weight, PRECISION).doubleValue();
    Double particleIndex = counted == 0 ? null
        : countedIeq.divide(BigDecimal.valueOf(counted), PRECISION).doubleValue();
    return new IeqResult(islets, ieq.doubleValue(), ieqPerKg, particleIndex);
  }

  /**
   * Scale-up from the counted sample to the whole suspension, kept as a fraction (suspension volume in uL over
   * sample volume in uL) and applied multiply-first, so that 3 islets of 100-150 um counted in 30 uL of a
   * 12.5 mL suspension give exactly 810 IEQ.
   */
  private record Scale(BigDecimal suspensionUl, BigDecimal sampleUl) {
    static final Scale NONE = new Scale(BigDecimal.ONE, BigDecimal.ONE);

    BigDecimal apply(BigDecimal counted) {
      return counted.multiply(suspensionUl).divide(sampleUl, PRECISION);
    }
  }

  /** suspensionVolumeMl x 1000 / sampleVolumeUl, or none when neither volume is given. */
  private static Scale scale(Double sampleVolumeUl, Double suspensionVolumeMl) {
    if (sampleVolumeUl == null && suspensionVolumeMl == null) {
      return Scale.NONE;
    }
    if (sampleVolumeUl == null) {
      throw new IeqValidationException(SAMPLE_VOLUME_FIELD,
          "is required when suspensionVolumeMl is given (give both volumes, or neither)");
    }
    if (suspensionVolumeMl == null) {
      throw new IeqValidationException(SUSPENSION_VOLUME_FIELD,
          "is required when sampleVolumeUl is given (give both volumes, or neither)");
    }
    BigDecimal sampleUl = positive(SAMPLE_VOLUME_FIELD, sampleVolumeUl);
    BigDecimal suspensionUl = positive(SUSPENSION_VOLUME_FIELD, suspensionVolumeMl).multiply(MICROLITRES_PER_MILLILITRE);
    if (sampleUl.compareTo(suspensionUl) > 0) {
      throw new IeqValidationException(SAMPLE_VOLUME_FIELD, "must not exceed the suspension volume ("
          + sampleVolumeUl + " uL sample from a " + suspensionVolumeMl + " mL suspension)");
    }
    return new Scale(suspensionUl, sampleUl);
  }

  private static BigDecimal positive(String field, Double value) {
    if (value == null) {
      throw new IeqValidationException(field, "is required");
    }
    if (value.isNaN() || value.isInfinite()) {
      throw new IeqValidationException(field, "must be a finite number (was " + value + ")");
    }
    if (value <= 0) {
      throw new IeqValidationException(field, "must be greater than 0 (was " + value + ")");
    }
    return BigDecimal.valueOf(value);
  }

  private static Map<String, BigDecimal> factors(String... keysAndFactors) {
    Map<String, BigDecimal> factors = new LinkedHashMap<>();
    for (int i = 0; i < keysAndFactors.length; i += 2) {
      factors.put(keysAndFactors[i], new BigDecimal(keysAndFactors[i + 1]));
    }
    return Collections.unmodifiableMap(factors);
  }
}
