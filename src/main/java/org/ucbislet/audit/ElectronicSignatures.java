package org.ucbislet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and records the electronic signature of a signed step (21 CFR 11.50, 11.70, 11.100, 11.200; EU GMP Annex 11
 * section 14), inside the engine command that completes the task or starts the process:
 * <ol>
 *   <li>the submission carries {@code signatureUserId}, {@code signaturePassword} and {@code signatureMeaning} as
 *       transient variables (else 400 naming the field; a non-transient one is refused so it is never stored);</li>
 *   <li>the meaning is the step's meaning (400);</li>
 *   <li>the signer is the logged-in user of the command (403 otherwise: nobody signs in someone else's name);</li>
 *   <li>the password matches, checked by the engine's identity service in a transaction of its own, so a wrong
 *       password counts towards the engine's login lock (same counter, delay and lock as a failed login) even though
 *       the completion rolls back (403; the refusal is itself recorded in the audit log);</li>
 *   <li>the signature record (signer ID and full name, UTC time, meaning, statement, element, task, subject, the
 *       signed form values and their SHA-256, {@link SignedValues}) is appended to the hash-chained audit log in the
 *       same transaction as the completion.</li>
 * </ol>
 * The password is read once and dropped: it is not in any variable, history row, audit record or log line.
 */
final class ElectronicSignatures {

  static final String SIGN = "sign";
  static final String REFUSED = "refused";
  static final String METHOD = "user ID and password re-entered at signing";

  private static final Logger LOG = LoggerFactory.getLogger(ElectronicSignatures.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngineConfigurationImpl configuration;
  private final AuditStore store;
  private final Map<String, List<String>> formKeys = new ConcurrentHashMap<>();

  ElectronicSignatures(ProcessEngineConfigurationImpl configuration, AuditStore store) {
    this.configuration = configuration;
    this.store = store;
  }

  void signTask(SignedStep step, DelegateTask task) {
    sign(step, task, new Target(task.getId(), task.getId(), task.getName(), task.getProcessDefinitionId(),
        task.getProcessInstanceId(), task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey()),
        task.getProcessEngineServices().getRepositoryService());
  }

  void signStart(SignedStep step, DelegateExecution execution) {
    sign(step, execution, new Target(execution.getProcessInstanceId(), null, step.elementName(),
        execution.getProcessDefinitionId(), execution.getProcessInstanceId(), execution.getProcessBusinessKey()),
        execution.getProcessEngineServices().getRepositoryService());
  }

  /** What is signed: the entity (task ID, or the process instance for a start form) and where it sits. */
  private record Target(String entityId, String taskId, String name, String processDefinitionId,
                        String processInstanceId, String businessKey) {
    String processDefinitionKey() {
      return processDefinitionId == null ? null : processDefinitionId.split(":")[0];
    }
  }

  private void sign(SignedStep step, VariableScope scope, Target target, RepositoryService repository) {
    String userId = field(scope, SignatureFields.USER_ID);
    String password = field(scope, SignatureFields.PASSWORD);
    String meaning = field(scope, SignatureFields.MEANING);
    String statement = step.statementFor(name -> lookup(scope, target, name));
    if (!step.meaning().code().equals(meaning.strip().toLowerCase(Locale.ROOT))) {
      throw new SignatureRefusedException(400, SignatureFields.MEANING, "this step is signed with the meaning '"
          + step.meaning().code() + "' (" + statement + "), not '" + meaning + "'");
    }
    String subject = subject(scope, target);
    PasswordCheck check = verifySigner(userId, password, step, target, subject);
    for (String f : SignatureFields.ALL) {
      scope.removeVariable(f); // transient: gone from the command, nothing later (a message, a call) can carry it
    }
    ObjectNode values = JSON.createObjectNode();
    for (String key : formKeys(repository, target.processDefinitionId(), step.formId())) {
      values.set(key, signedValue(scope, key));
    }
    record(step, target, subject, check, statement, values);
  }

  /**
   * A manual correction (Cockpit or REST, {@link ManualCorrection}) signed with the request headers: checked like a
   * task signature, recorded once per request with the meaning {@code correction}, the request and the reason as the
   * signed values. Without the headers the correction is refused (400), so nothing changes.
   */
  void signCorrection(ManualCorrection correction, CorrectionSignature signature, String processInstanceId,
                      String processDefinitionKey) {
    SignedStep step = new SignedStep(CORRECTION_ELEMENT, "Manual correction", SignatureMeaning.CORRECTION,
        "I sign this manual correction ({request}) for the reason given: {reason}", null);
    Target target = new Target(processInstanceId, null, "Manual correction", processDefinitionKey, processInstanceId, null);
    if (signature == null || signature.userId() == null || signature.userId().isBlank()) {
      throw new SignatureRefusedException(400, SignatureFields.USER_ID, "a manual correction needs the electronic "
          + "signature of its user: headers " + SignatureFields.HEADER_USER_ID + " and " + SignatureFields.HEADER_PASSWORD
          + " (percent-encoded); nothing was changed");
    }
    if (signature.password() == null || signature.password().isEmpty()) {
      throw new SignatureRefusedException(400, SignatureFields.PASSWORD, "a manual correction needs the signer's "
          + "password in header " + SignatureFields.HEADER_PASSWORD + " (percent-encoded); nothing was changed");
    }
    PasswordCheck check = verifySigner(signature.userId(), signature.password(), step, target, null);
    ObjectNode values = JSON.createObjectNode().put("request", correction.request()).put("reason", correction.reason());
    String statement = step.statementFor(name -> values.path(name).asText(null));
    record(step, target, null, check, statement, values);
  }

  static final String CORRECTION_ELEMENT = "manualCorrection";

  /** Checks that the signer is the logged-in user and that the password matches (else refused and recorded). */
  private PasswordCheck verifySigner(String userId, String password, SignedStep step, Target target, String subject) {
    String loggedIn = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
    if (loggedIn == null) {
      throw refuse(403, SignatureFields.USER_ID, "a signature needs a logged-in user; nobody is authenticated",
          userId, step, target, subject);
    }
    if (!loggedIn.equals(userId.strip())) {
      throw refuse(403, SignatureFields.USER_ID, "only the logged-in user (" + loggedIn + ") can sign here, not '"
          + userId + "'", loggedIn, step, target, subject);
    }
    PasswordCheck check = checkPassword(loggedIn, password);
    if (!check.valid()) {
      String why = check.locked() ? "the user is locked after too many wrong passwords (as for logins); try later"
          : "the password does not match (" + check.attempts() + " of " + check.maxAttempts()
              + " wrong attempts before the user is locked, counted with failed logins)";
      throw refuse(403, SignatureFields.PASSWORD, why, loggedIn, step, target, subject);
    }
    return check;
  }

  /** Appends the signature record to the audit log with the records of the current transaction. */
  private void record(SignedStep step, Target target, String subject, PasswordCheck check, String statement,
                      ObjectNode values) {
    String signer = Context.getCommandContext().getAuthenticatedUserId();
    Instant signedAt = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
    ObjectNode changes = JSON.createObjectNode().put("signerId", signer).put("signerName", check.fullName())
        .put("signedAt", signedAt.toString()).put("meaning", step.meaning().code())
        .put("meaningLabel", step.meaning().label()).put("statement", statement).put("elementName", step.elementName())
        .put("formId", step.formId()).put("taskId", target.taskId()).put("subjectId", subject).put("method", METHOD);
    changes.set("values", values);
    changes.put("valuesSha256", SignedValues.sha256(values));
    AuditHistoryEventHandler.appendAtCommit(store, new AuditEvent(signer, subject, target.processDefinitionKey(),
        target.processInstanceId(), step.elementId(), AuditEntities.SIGNATURE, target.entityId(), SIGN, changes));
    LOG.info("{} signed {} ({}) for {}", signer, step.elementId(), step.meaning().code(), subject);
  }

  /**
   * A form field's value in the audit log's notation, so that the verifier can compare it with the variable's audit
   * record: serialized objects (JSON) as their serialized text, everything else as its plain JSON value.
   */
  private static com.fasterxml.jackson.databind.JsonNode signedValue(VariableScope scope, String key) {
    TypedValue typed = scope.getVariableTyped(key, false);
    if (typed instanceof org.camunda.bpm.engine.variable.value.SerializableValue serializable
        && serializable.getValueSerialized() != null) {
      return AuditHistoryEventHandler.plain(serializable.getValueSerialized());
    }
    return AuditHistoryEventHandler.plain(typed == null ? null : typed.getValue());
  }

  /** A signature field: a non-blank, transient text. */
  private static String field(VariableScope scope, String name) {
    TypedValue value = scope.getVariableTyped(name);
    if (value == null || value.getValue() == null || String.valueOf(value.getValue()).isBlank()) {
      throw new SignatureRefusedException(400, name, "this step needs an electronic signature: send "
          + String.join(", ", SignatureFields.ALL) + " as transient variables (\"valueInfo\": {\"transient\": true})");
    }
    if (!value.isTransient()) {
      throw new SignatureRefusedException(400, name, "must be sent as a transient variable (\"valueInfo\": "
          + "{\"transient\": true}) so that it is never stored; nothing was stored");
    }
    if (!(value.getValue() instanceof String text)) {
      throw new SignatureRefusedException(400, name, "must be a text");
    }
    return text;
  }

  private static Object lookup(VariableScope scope, Target target, String name) {
    Object value = scope.getVariable(name);
    if (value == null && "subjectId".equals(name)) {
      return target.businessKey();
    }
    return value;
  }

  private static String subject(VariableScope scope, Target target) {
    if (target.businessKey() != null && !target.businessKey().isBlank()) {
      return target.businessKey();
    }
    Object subjectId = scope.getVariable("subjectId");
    return subjectId instanceof String s && !s.isBlank() ? s : null;
  }

  private SignatureRefusedException refuse(int status, String field, String reason, String actor, SignedStep step,
                                           Target target, String subject) {
    ObjectNode changes = JSON.createObjectNode().put("field", field).put("reason", reason)
        .put("meaning", step.meaning().code()).put("taskId", target.taskId());
    try {
      store.appendNow(new AuditEvent(actor == null ? AuditEntities.SYSTEM : actor, subject, target.processDefinitionKey(),
          target.processInstanceId(), step.elementId(), AuditEntities.SIGNATURE, target.entityId(), REFUSED, changes));
    } catch (RuntimeException e) {
      LOG.warn("Refused signature on {} not recorded in the audit log: {}", step.elementId(), e.toString());
    }
    LOG.info("Signature on {} refused ({})", step.elementId(), field);
    return new SignatureRefusedException(status, field, reason);
  }

  record PasswordCheck(boolean valid, boolean locked, int attempts, int maxAttempts, String fullName) {}

  /**
   * The engine's own password check (the same as for a login: a wrong password increments the user's failed
   * attempts, delays the next attempt and locks the user at the engine's maximum), in a transaction of its own so
   * that the count survives the rollback of the refused completion.
   */
  private PasswordCheck checkPassword(String userId, String password) {
    int max = configuration.getLoginMaxAttempts();
    return configuration.getCommandExecutorTxRequiresNew().execute(context -> {
      ReadOnlyIdentityProvider identity = context.getReadOnlyIdentityProvider();
      User user = identity.findUserById(userId);
      if (user == null) {
        return new PasswordCheck(false, false, 0, max, null);
      }
      boolean lockedBefore = user instanceof UserEntity entity && locked(entity, max);
      boolean valid = !lockedBefore && identity.checkPassword(userId, password);
      int attempts = user instanceof UserEntity entity ? entity.getAttempts() : 0;
      String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
          + (user.getLastName() == null ? "" : user.getLastName())).strip();
      return new PasswordCheck(valid, lockedBefore, attempts, max, name.isEmpty() ? userId : name);
    });
  }

  private static boolean locked(UserEntity user, int max) {
    return user.getAttempts() >= max || (user.getLockExpirationTime() != null
        && user.getLockExpirationTime().after(ClockUtil.getCurrentTime()));
  }

  /** The keyed fields of the signed element's form (the record the signature covers), cached per deployment. */
  private List<String> formKeys(RepositoryService repository, String processDefinitionId, String formId) {
    if (formId == null) {
      return List.of();
    }
    String deploymentId = Context.getCommandContext().runWithoutAuthorization(
        () -> repository.getProcessDefinition(processDefinitionId).getDeploymentId());
    return formKeys.computeIfAbsent(deploymentId + "/" + formId, k -> Context.getCommandContext().runWithoutAuthorization(() -> {
      for (String name : repository.getDeploymentResourceNames(deploymentId)) {
        if (!name.endsWith(".form")) {
          continue;
        }
        try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
          JsonNode form = JSON.readTree(in);
          if (formId.equals(form.path("id").asText())) {
            List<String> keys = new ArrayList<>();
            collectKeys(form.path("components"), keys);
            return List.copyOf(keys);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read form resource " + name, e);
        }
      }
      throw new ProcessEngineException("Form '" + formId + "' of a signed step is not part of deployment " + deploymentId);
    }));
  }

  private static void collectKeys(JsonNode components, List<String> keys) {
    for (JsonNode c : components) {
      if (c.hasNonNull("key") && !keys.contains(c.get("key").asText())) {
        keys.add(c.get("key").asText());
      }
      if (c.has("components")) {
        collectKeys(c.path("components"), keys);
      }
    }
  }
}
