package org.ucbislet.cordbloodtransplant;

import java.time.LocalDate;

/**
 * Neutrophil and platelet engraftment days found in a series of blood counts; {@code null} = not (yet)
 * engrafted.
 */
public record EngraftmentStatus(LocalDate neutrophilEngraftmentDate, LocalDate plateletEngraftmentDate) {

  public boolean neutrophilEngrafted() {
    return neutrophilEngraftmentDate != null;
  }

  public boolean plateletEngrafted() {
    return plateletEngraftmentDate != null;
  }
}
