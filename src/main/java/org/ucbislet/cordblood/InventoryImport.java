package org.ucbislet.cordblood;

import java.util.List;

/**
 * The answer to an inventory import ({@code PUT /api/cord-blood/inventory}).
 *
 * @param received data rows in the file (blank lines not counted)
 * @param loaded units now in the inventory
 * @param rejected rows not loaded
 * @param rejectedRows the first rejected rows by row number, each with its reasons (at most
 *     {@code ucbi.cord-blood.inventory.max-reported-rejections})
 * @param rejectedRowsOmitted rejected rows not listed because of that cap
 * @param version the inventory's new version (0 when nothing was replaced)
 */
public record InventoryImport(int received, int loaded, int rejected, List<RejectedRow> rejectedRows,
                              int rejectedRowsOmitted, long version) {

  static InventoryImport of(InventoryCsv.Result read, long version) {
    return new InventoryImport(read.received(), read.loaded(), read.rejected(), read.rejectedRows(),
        read.rejectedRowsOmitted(), version);
  }
}
