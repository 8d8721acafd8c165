package org.ucbislet.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.audit.CorrectionReasonFilter;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;

/**
 * Issue 15 item 6: requests that used to end in a 500 are refused with a clear 4xx and store nothing: a Java-serialized
 * variable, a JSON object variable of a class outside the allow-list, a DOCTYPE in a deployment, a task that does not
 * exist, a password the policy refuses, {@code GET /error}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class RestRefusalsTest {

  private static final AtomicInteger SUBJECTS = new AtomicInteger(7800);
  private static final Map<String, String> REASON = Map.of(CorrectionReasonFilter.HEADER, "Security test of a correction");

  @LocalServerPort
  private int port;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private RepositoryService repository;
  @Autowired
  private IdentityService identity;
  @Autowired
  private ProcessEngineConfigurationImpl engine;

  private EngineRest rest;
  private String subjectId;

  @BeforeEach
  void setUp() {
    rest = new EngineRest(port);
    subjectId = String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }

  @AfterEach
  void removeChild() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(subjectId).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test clean-up"));
  }

  private Response setVariable(String protocolId, String name, Map<String, Object> value) {
    return rest.callWithHeaders("PUT", "/engine-rest/process-instance/" + protocolId + "/variables/" + name, "demo",
        value, REASON);
  }

  @Test
  void aJavaSerializedVariableIsRefusedWith400AndNotStored(CapturedOutput log) {
    String protocolId = rest.enrol(subjectId);
    Response refused = setVariable(protocolId, "payload", Map.of(
        "value", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAB3CAAAABAAAAAAeA==",
        "type", "Object", "valueInfo", Map.of("objectTypeName", "java.util.HashMap",
            "serializationDataFormat", "application/x-java-serialized-object")));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("payload: Java serialization is not accepted");
    assertThat(runtime.getVariable(protocolId, "payload")).isNull();
    assertThat(log.getAll()).doesNotContain("ENGINE-REST-HTTP500").doesNotContain("ENGINE-16004");
  }

  @Test
  void aJsonObjectOfAClassOutsideTheAllowListIsRefusedEvenInsideACollection() {
    String protocolId = rest.enrol(subjectId);
    Response url = setVariable(protocolId, "link", Map.of("value", "\"http://example.org/\"", "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.net.URL", "serializationDataFormat", "application/json")));
    assertThat(url.status()).as(url.body()).isEqualTo(400);
    assertThat(url.json().path("message").asText()).contains("link: objects of type 'java.net.URL' are not accepted");

    Response nested = setVariable(protocolId, "links", Map.of("value", "[]", "type", "Object", "valueInfo",
        Map.of("objectTypeName", "java.util.ArrayList<javax.management.BadAttributeValueExpException>",
            "serializationDataFormat", "application/json")));
    assertThat(nested.status()).as(nested.body()).isEqualTo(400);

    Response start = rest.call("POST", "/engine-rest/process-definition/key/ucbIsletProtocol/submit-form",
        "trial-coordinator", Map.of("businessKey", subjectId, "variables", Map.of("x", Map.of("value", "{}",
            "type", "Object", "valueInfo", Map.of("objectTypeName", "java.lang.ProcessBuilder",
                "serializationDataFormat", "application/json")))));
    assertThat(start.status()).as(start.body()).isEqualTo(400);
    assertThat(runtime.getVariable(protocolId, "link")).isNull();
    assertThat(runtime.getVariable(protocolId, "links")).isNull();

    Response allowed = setVariable(protocolId, "correctionNotes", Map.of("value", "[\"a\",\"b\"]", "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.util.ArrayList<java.lang.String>",
            "serializationDataFormat", "application/json")));
    assertThat(allowed.status()).as("a java.util collection of strings is accepted: " + allowed.body()).isEqualTo(204);
  }

  @Test
  void aTaskThatDoesNotExistIs404() {
    for (String action : new String[] {"complete", "submit-form", "claim"}) {
      Response missing = rest.call("POST", "/engine-rest/task/no-such-task/" + action, "demo",
          action.equals("claim") ? Map.of("userId", "demo") : Map.of());
      assertThat(missing.status()).as(action + ": " + missing.body()).isEqualTo(404);
      assertThat(missing.json().path("message").asText()).contains("no-such-task").doesNotContain("Exception");
    }
  }

  @Test
  void aPasswordThePolicyRefusesIs400AndNoUserIsCreated() {
    boolean policy = engine.isEnablePasswordPolicy();
    var previous = engine.getPasswordPolicy();
    engine.setEnablePasswordPolicy(true); // as outside the demo profile
    engine.setPasswordPolicy(new org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl());
    try {
      Response weak = rest.call("POST", "/engine-rest/user/create", "demo", Map.of("profile", Map.of("id", "weakling"
          + subjectId.substring(5)), "credentials", Map.of("password", "a")));
      assertThat(weak.status()).as(weak.body()).isEqualTo(400);
      assertThat(weak.json().path("message").asText()).contains("password: does not meet the password policy");
      assertThat(identity.createUserQuery().userId("weakling" + subjectId.substring(5)).count()).isZero();
    } finally {
      engine.setEnablePasswordPolicy(policy);
      engine.setPasswordPolicy(previous);
    }
  }

  @Test
  void getErrorIs404WithOrWithoutCredentials() {
    assertThat(rest.call("GET", "/error", null, null).status()).isEqualTo(404);
    Response withCredentials = rest.call("GET", "/error", "demo", null);
    assertThat(withCredentials.status()).isEqualTo(404);
    assertThat(withCredentials.body()).doesNotContain("999").doesNotContain("trace");
  }

  @Test
  void aDeploymentWithADoctypeIsRefusedWith400AndNothingDeployed() throws Exception {
    String bpmn = "<?xml version=\"1.0\"?><!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\">"
        + "<process id=\"doctypeProbe\" isExecutable=\"true\" name=\"&xxe;\"><startEvent id=\"s\"/></process></definitions>";
    String boundary = "----ucbi" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ndoctype\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"doctype.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", EngineRest.basic("demo", "demo")).header("Accept", "application/json")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(BodyPublishers.ofString(body, UTF_8)).build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("root:");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("doctypeProbe").count()).isZero();
  }
}
