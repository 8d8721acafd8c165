package org.ucbislet.isletisolation;

/**
 * The answer of the islet equivalent calculation, field names as in design.md section 6.
 *
 * @param islets number of islets in the product (the counted islets, scaled up to the whole suspension when
 *     a sample was counted, rounded to a whole islet)
 * @param ieq islet equivalents of the product
 * @param ieqPerKg islet equivalents per kg recipient weight (the dose compared by {@code isletProductRelease});
 *     {@code null} only for {@link IeqCalculator#calculateProduct}, which has no recipient yet
 * @param isletParticleIndex IEQ / islet count (below 1: mean diameter under 150 um); {@code null} when no
 *     islet was counted, because the index is then undefined (0 would read as a real, tiny index)
 */
public record IeqResult(long islets, double ieq, Double ieqPerKg, Double isletParticleIndex) {}
