package org.ucbislet.audit;

/** The values of the audit log's {@code ENTITY} column (README "Audit export"). */
public final class AuditEntities {

  public static final String PROCESS_INSTANCE = "process-instance";
  public static final String ACTIVITY_INSTANCE = "activity-instance";
  public static final String TASK = "task";
  public static final String VARIABLE = "variable";
  public static final String DECISION = "decision";
  public static final String INCIDENT = "incident";
  public static final String USER_OPERATION = "user-operation";
  public static final String IDENTITY_LINK = "identity-link";
  public static final String JOB = "job";
  public static final String EXTERNAL_TASK = "external-task";
  public static final String LOGIN = "login";
  /** A request refused by a check or for lack of rights (RefusedWriteAuditFilter). */
  public static final String REQUEST = "request";
  public static final String EXPORT = "export";
  /** An import of the cord blood bank inventory (PUT /api/cord-blood/inventory or the synthetic default). */
  public static final String CORD_BLOOD_INVENTORY = "cord-blood-inventory";
  /** An electronic signature (event type {@code sign}) or a refused attempt ({@code refused}); see docs/electronic-signatures.md. */
  public static final String SIGNATURE = "signature";

  /** Actor of what the engine does with nobody authenticated (start-up, timers without a user). */
  public static final String SYSTEM = "system";
  /** Actor of what the job executor does (asynchronous continuations, timers). */
  public static final String JOB_EXECUTOR = "job-executor";

  private AuditEntities() {
  }
}
