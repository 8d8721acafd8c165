package org.ucbislet.screening;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Age in completed and fractional years, as the eligibility decision's {@code ageYears} input. */
public final class AgeCalculator {

  private AgeCalculator() {
  }

  /**
   * Whole years between birth and the reference date, plus the elapsed fraction of the current year of
   * life (days since the last birthday over the length of that year). So the 18th birthday gives
   * exactly 18.0 and the day before gives just under 18: the boundary of "under 18" is exact.
   */
  public static double ageYears(LocalDate dateOfBirth, LocalDate on) {
    if (on.isBefore(dateOfBirth)) {
      return -ChronoUnit.DAYS.between(on, dateOfBirth) / 365.25;
    }
    long years = ChronoUnit.YEARS.between(dateOfBirth, on);
    LocalDate lastBirthday = dateOfBirth.plusYears(years);
    LocalDate nextBirthday = dateOfBirth.plusYears(years + 1);
    double fraction = (double) ChronoUnit.DAYS.between(lastBirthday, on) / ChronoUnit.DAYS.between(lastBirthday, nextBirthday);
    return years + fraction;
  }
}
