package org.ucbislet.cordblood;

/**
 * A row of an inventory CSV that was not loaded.
 *
 * @param row the row in the file, the header being row 1 (as a spreadsheet numbers it)
 * @param bank the row's bank column as written (may be empty)
 * @param unitId the row's unit ID column as written (may be empty)
 * @param reason every problem of the row, separated by "; ", each naming its column
 */
public record RejectedRow(int row, String bank, String unitId, String reason) {}
