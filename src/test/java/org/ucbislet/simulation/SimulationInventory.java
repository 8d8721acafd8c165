package org.ucbislet.simulation;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ucbislet.cordblood.CordBloodInventoryService;
import org.ucbislet.cordblood.SyntheticInventory;

/** The synthetic bank inventory the simulation tests search (other tests of the shared context import their own). */
final class SimulationInventory {

  private SimulationInventory() {
  }

  static void importSynthetic(CordBloodInventoryService inventory, int units) throws Exception {
    if (!inventory.awaitReady(Duration.ofSeconds(60))) {
      throw new IllegalStateException("inventory not ready");
    }
    StringWriter csv = new StringWriter();
    SyntheticInventory.writeCsv(SyntheticInventory.DEFAULT_SEED, units, csv);
    inventory.replace(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "simulation-test");
  }
}
