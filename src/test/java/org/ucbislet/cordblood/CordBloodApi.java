package org.ucbislet.cordblood;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A client of the cord blood API for tests, as a demo user (password {@code demo}), or anonymous when the user is null. */
final class CordBloodApi {

  static final String SEARCH = "/api/cord-blood/search";
  static final String INVENTORY = "/api/cord-blood/inventory";
  static final String TEXT_CSV = "text/csv";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;

  CordBloodApi(int port) {
    this.port = port;
  }

  record Response(int status, String contentType, String body, HttpHeaders headers) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  Response send(String method, String path, String user, String contentType, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "application/json, application/problem+json")
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> r = HTTP.send(request.build(), BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response search(String user, String body) {
    return send("POST", SEARCH, user, "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  Response putInventory(String user, String csv) {
    return send("PUT", INVENTORY, user, TEXT_CSV, csv.getBytes(StandardCharsets.UTF_8));
  }
}
