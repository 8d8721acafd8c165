package org.ucbislet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The benchmark's factor switches are off by default and refused outside the benchmark profile (issue 21). */
class BenchFactorsTest {

  @Test
  void everyExtensionIsOnByDefault() {
    BenchFactors factors = new BenchFactors("", new MockEnvironment());
    for (String name : BenchFactors.NAMES) {
      assertThat(factors.on(name)).as(name).isTrue();
    }
    assertThat(BenchFactors.allOn().on(BenchFactors.AUDIT)).isTrue();
  }

  @Test
  void switchingOffIsRefusedOutsideTheBenchmarkProfile() {
    MockEnvironment production = new MockEnvironment();
    production.setActiveProfiles("postgres");
    assertThatThrownBy(() -> new BenchFactors("audit", production)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cohort-bench");
    MockEnvironment demo = new MockEnvironment();
    demo.setActiveProfiles("demo");
    assertThatThrownBy(() -> new BenchFactors("form-validation", demo)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theBenchmarkProfileSwitchesNamedFactorsOff() {
    MockEnvironment bench = new MockEnvironment();
    bench.setActiveProfiles("demo", BenchFactors.BENCH_PROFILE);
    BenchFactors factors = new BenchFactors(" audit , Task-Card ", bench);
    assertThat(factors.on(BenchFactors.AUDIT)).isFalse();
    assertThat(factors.on(BenchFactors.TASK_CARD)).isFalse();
    assertThat(factors.on(BenchFactors.FORM_VALIDATION)).isTrue();
    assertThat(factors.on(BenchFactors.GUARDS)).isTrue();
  }

  @Test
  void anUnknownFactorIsRefused() {
    MockEnvironment bench = new MockEnvironment();
    bench.setActiveProfiles(BenchFactors.BENCH_PROFILE);
    assertThatThrownBy(() -> new BenchFactors("audit,listeners", bench)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listeners");
  }
}
