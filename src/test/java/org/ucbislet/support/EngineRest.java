package org.ucbislet.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.ucbislet.protocol.ProtocolVariables;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small client of the application's REST API for tests, as a demo user (password {@code demo}) unless
 * told otherwise. A body is sent as JSON: a {@link String} as it is (raw, possibly malformed), anything
 * else serialized by Jackson.
 */
public final class EngineRest {

  /** The password of every demo user. */
  public static final String DEMO_PASSWORD = "demo";

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final HttpClient client;

  public EngineRest(int port) {
    this(port, HTTP);
  }

  /** Through a client of the caller's, e.g. one that keeps cookies as a browser does. */
  public EngineRest(int port, HttpClient client) {
    this.port = port;
    this.client = client;
  }

  public record Response(int status, String body, HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON (HTTP " + status + "): " + body, e);
      }
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  /** A referred child as the trial coordinator enters it in the start form enrol-subject (a new, mutable map). */
  public static Map<String, Object> referral(String subjectId) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ProtocolVariables.SUBJECT_ID, subjectId);
    values.put(ProtocolVariables.DATE_OF_BIRTH, "2014-02-11");
    values.put(ProtocolVariables.SEX, "female");
    values.put(ProtocolVariables.WEIGHT_KG, 31.0);
    values.put(ProtocolVariables.HEIGHT_CM, 135.0);
    values.put(ProtocolVariables.GENE_NAME, "FOXP3");
    values.put(ProtocolVariables.VARIANT_HGVS, "NM_014009.4:c.1150G>A");
    values.put(ProtocolVariables.REFERRAL_DATE, "2025-09-01");
    return values;
  }

  /** The trial coordinator enrols the child with the start form ({@link #referral}); answers the protocol's instance ID. */
  public String enrol(String subjectId) {
    Response started = call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/submit-form",
        "trial-coordinator", Map.of("businessKey", subjectId, "variables", typedVariables(referral(subjectId))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(started.json().path("businessKey").asText()).isEqualTo(subjectId);
    return started.json().path("id").asText();
  }

  /**
   * The trial coordinator records the guardian's informed consent (signed, as Tasklist does): screening's first step,
   * before the work-up and the eligibility evaluation.
   */
  public void consent(String subjectId) {
    Response done = complete(subjectId, "trial-coordinator", ScreeningCriteria.consentGiven());
    assertThat(done.status()).as(done.body()).isIn(200, 204);
  }

  /** {@code {"name": {"value": v}, ...}} as the engine REST API takes variables. */
  public static Map<String, Object> variables(Map<String, ?> values) {
    Map<String, Object> v = new LinkedHashMap<>();
    values.forEach((name, value) -> v.put(name, Map.of("value", value)));
    return v;
  }

  /** {@code {"name": {"value": v, "type": "Double"}, ...}}: each value typed by its Java class's simple name. */
  public static Map<String, Object> typedVariables(Map<String, ?> values) {
    Map<String, Object> typed = new LinkedHashMap<>();
    values.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", value.getClass().getSimpleName())));
    return typed;
  }

  /** As the demo user {@code user}. */
  public Response call(String method, String path, String user, Object body) {
    return call(method, path, user, DEMO_PASSWORD, body);
  }

  /** As {@code user} with {@code password}; without credentials when {@code user} is null. */
  public Response call(String method, String path, String user, String password, Object body) {
    return send(method, path, body, user == null ? Map.of() : Map.of("Authorization", basic(user, password)));
  }

  /** With exactly the given headers besides {@code Accept} (and {@code Content-Type} when there is a body). */
  public Response send(String method, String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "application/json");
    headers.forEach(request::header);
    try {
      if (body == null) {
        request.method(method, BodyPublishers.noBody());
      } else {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
      }
      var response = client.send(request.build(), BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * As the demo user {@code user}, with extra headers (for example a correction reason). A manual correction (a
   * correction reason among the headers) is signed by that user, as Cockpit's dialog does, unless the headers already
   * carry a signature.
   */
  public Response callWithHeaders(String method, String path, String user, Object body, Map<String, String> headers) {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.put("Authorization", basic(user, DEMO_PASSWORD));
    if (headers.containsKey("X-Correction-Reason") && !headers.containsKey("X-Signature-User")) {
      all.put("X-Signature-User", user);
      all.put("X-Signature-Password", DEMO_PASSWORD);
    }
    return send(method, path, body, all);
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
  }

  /** The one open task of the business key that the user may see. */
  public JsonNode task(String businessKey, String user) {
    JsonNode tasks = call("GET", "/engine-rest/task?processInstanceBusinessKey=" + businessKey, user, null).json();
    if (tasks.size() != 1) {
      throw new AssertionError("expected one open task of " + businessKey + " for " + user + ", got " + tasks);
    }
    return tasks.get(0);
  }

  /** The ID of the one open task of that definition key of the business key, as the user sees it. */
  public String taskId(String businessKey, String taskDefinitionKey, String user) {
    JsonNode tasks = call("GET", "/engine-rest/task?processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey="
        + taskDefinitionKey, user, null).json();
    assertThat(tasks).as("open %s of %s", taskDefinitionKey, businessKey).hasSize(1);
    return tasks.get(0).path("id").asText();
  }

  /** Completes the user's one open task of the business key, signed by the user when the model says so. */
  public Response complete(String businessKey, String user, Map<String, ?> values) {
    String taskId = task(businessKey, user).get("id").asText();
    return call("POST", "/engine-rest/task/" + taskId + "/complete", user,
        Map.of("variables", signedIfNeeded(taskId, user, variables(values))));
  }

  // --- electronic signatures (issue 20) ---------------------------------------------------------

  /** The three signature fields as the REST API takes them: transient String variables. */
  public static Map<String, Object> signature(String userId, String password, String meaning) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("signatureUserId", transientText(userId));
    v.put("signaturePassword", transientText(password));
    v.put("signatureMeaning", transientText(meaning));
    return v;
  }

  public static Map<String, Object> transientText(String value) {
    return Map.of("value", value, "type", "String", "valueInfo", Map.of("transient", true));
  }

  /**
   * The signature meaning of an element from its deployed BPMN (property {@code signature}), or null when the element
   * is not signed: tests sign exactly where the model says.
   */
  public String signatureMeaning(String processDefinitionId, String elementId) {
    Response xml = call("GET", "/engine-rest/process-definition/" + processDefinitionId + "/xml", "demo", null);
    var model = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(
        xml.json().path("bpmn20Xml").asText().getBytes(UTF_8)));
    org.camunda.bpm.model.bpmn.instance.BaseElement element = model.getModelElementById(elementId);
    if (element == null || element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream()).filter(p -> "signature".equals(p.getCamundaName()))
        .map(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty::getCamundaValue).findFirst().orElse(null);
  }

  /** The REST variables plus, when the task is signed, the demo user's signature with the task's meaning. */
  public Map<String, Object> signedIfNeeded(String taskId, String user, Map<String, Object> restVariables) {
    JsonNode task = call("GET", "/engine-rest/task/" + taskId, "demo", null).json();
    String meaning = signatureMeaning(task.path("processDefinitionId").asText(), task.path("taskDefinitionKey").asText());
    Map<String, Object> all = new LinkedHashMap<>(restVariables);
    if (meaning != null) {
      all.putAll(signature(user, DEMO_PASSWORD, meaning));
    }
    return all;
  }

  /** The REST variables plus, when the process's start event is signed, the demo user's signature. */
  public Map<String, Object> startSignedIfNeeded(String processKey, String user, Map<String, Object> restVariables) {
    JsonNode definition = call("GET", "/engine-rest/process-definition/key/" + processKey, "demo", null).json();
    String xml = call("GET", "/engine-rest/process-definition/" + definition.path("id").asText() + "/xml", "demo", null)
        .json().path("bpmn20Xml").asText();
    var model = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(xml.getBytes(UTF_8)));
    Map<String, Object> all = new LinkedHashMap<>(restVariables);
    for (var start : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.StartEvent.class)) {
      String meaning = start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process
          ? signatureMeaning(definition.path("id").asText(), start.getId()) : null;
      if (meaning != null) {
        all.putAll(signature(user, DEMO_PASSWORD, meaning));
      }
    }
    return all;
  }
}

