package org.ucbislet.cordblood;

/**
 * What an inventory import did, published as a Spring application event for the audit log (who replaced the bank
 * inventory, with which file, with what result). {@code outcome} is {@link #REPLACED} (a new version is searched from
 * now on) or {@link #REFUSED} (nothing changed; {@code reason} says why).
 *
 * @param user who imported ({@link CordBloodInventoryService#DEFAULT_INVENTORY_USER} for the synthetic default)
 * @param fileSha256 SHA-256 of the bytes read, so an auditor can match the file that was imported
 * @param version the new inventory version, null when refused
 */
public record InventoryChange(String user, String outcome, int received, int loaded, int rejected, Long version,
                              String fileSha256, String reason) {

  public static final String REPLACED = "replaced";
  public static final String REFUSED = "refused";
}
