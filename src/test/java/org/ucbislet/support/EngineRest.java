package org.ucbislet.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small client of the application's REST API for tests, as a demo user (password {@code demo}). */
public final class EngineRest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;

  public EngineRest(int port) {
    this.port = port;
  }

  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code {"name": {"value": v}, ...}} as the engine REST API takes variables. */
  public static Map<String, Object> variables(Map<String, ?> values) {
    Map<String, Object> v = new LinkedHashMap<>();
    values.forEach((name, value) -> v.put(name, Map.of("value", value)));
    return v;
  }

  public Response call(String method, String path, String user, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(UTF_8)));
    try {
      if (body == null) {
        request.method(method, BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      var response = HTTP.send(request.build(), BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The one open task of the business key that the user may see. */
  public JsonNode task(String businessKey, String user) {
    JsonNode tasks = call("GET", "/engine-rest/task?processInstanceBusinessKey=" + businessKey, user, null).json();
    if (tasks.size() != 1) {
      throw new AssertionError("expected one open task of " + businessKey + " for " + user + ", got " + tasks);
    }
    return tasks.get(0);
  }

  public Response complete(String businessKey, String user, Map<String, ?> values) {
    return call("POST", "/engine-rest/task/" + task(businessKey, user).get("id").asText() + "/complete", user,
        Map.of("variables", variables(values)));
  }
}
