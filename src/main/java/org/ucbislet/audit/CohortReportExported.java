package org.ucbislet.audit;

/** A cohort report was downloaded (GET /api/reports/cohort): recorded in the audit log as an export. */
public record CohortReportExported(String user, int children, long bytes, String sha256) {}
