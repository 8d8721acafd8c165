import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark data generator (issue 8 item 4): creates one user per needed group (as the administrator, through
 * the engine's REST API), then enrols N children (UCBI-0001 ...) and screens each one to an outcome through the
 * REST API as the right users, with T concurrent client threads. Deterministic outcome mix per child number
 * (i % 100): 70 passed, 5 not eligible (HIV, exclusion), 5 not eligible (age 18+), 7 consent refused,
 * 7 psychologically unfit, 6 MDT declined. Prints "outcome <endEvent> <expected> <counted>" lines and exits 1
 * on any failed request or mismatch. Only talks to the base URL given (the harness passes 127.0.0.1).
 *
 * Usage: GenerateHistory baseUrl adminId adminPassword userPassword children threads
 */
public class GenerateHistory {

  static final String COORDINATOR = "bench-coordinator";
  static final String ENDOCRINOLOGIST = "bench-endocrinologist";
  static final String PSYCHOLOGIST = "bench-psychologist";
  static final String MDT = "bench-mdt";
  static final String AUDITOR = "bench-auditor";
  static final Map<String, String> USERS = new LinkedHashMap<>();
  static {
    USERS.put(COORDINATOR, "trial-coordinator");
    USERS.put(ENDOCRINOLOGIST, "endocrinologist");
    USERS.put(PSYCHOLOGIST, "psychologist");
    USERS.put(MDT, "mdt");
    USERS.put(AUDITOR, "auditor");
  }
  static final Pattern FIRST_ID = Pattern.compile("^\\s*\\[\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

  static HttpClient http;
  static String base;
  static String userPassword;
  static final AtomicLong requests = new AtomicLong();

  public static void main(String[] args) throws Exception {
    base = args[0];
    String adminId = args[1];
    String adminPassword = args[2];
    userPassword = args[3];
    int children = Integer.parseInt(args[4]);
    int threads = Integer.parseInt(args[5]);
    if (children < 1 || children > 9999) {
      throw new IllegalArgumentException("children must be 1..9999 (subject IDs UCBI-\\d{4})");
    }
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    for (Map.Entry<String, String> u : USERS.entrySet()) {
      String body = "{\"profile\":{\"id\":\"" + u.getKey() + "\",\"firstName\":\"Load\",\"lastName\":\"Generator"
          + "\",\"email\":\"" + u.getKey() + "@bench.invalid\"},\"credentials\":{\"password\":\"" + userPassword + "\"}}";
      expect(call("POST", "/engine-rest/user/create", adminId, adminPassword, body), 204, "create user " + u.getKey());
      expect(call("PUT", "/engine-rest/group/" + u.getValue() + "/members/" + u.getKey(), adminId, adminPassword, null),
          204, "add " + u.getKey() + " to " + u.getValue());
    }

    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 1; i <= children; i++) {
      final int n = i;
      results.add(pool.submit(() -> child(n)));
    }
    Map<String, Integer> expected = new ConcurrentHashMap<>();
    int failed = 0;
    for (Future<String> f : results) {
      try {
        expected.merge(f.get(), 1, Integer::sum);
      } catch (Exception e) {
        failed++;
        if (failed <= 5) {
          System.err.println("child failed: " + e.getCause());
        }
      }
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("generated children=%d threads=%d requests=%d ms=%d failed=%d%n", children, threads, requests.get(), ms, failed);

    boolean ok = failed == 0;
    for (String end : List.of("End_ScreeningPassed", "End_NotEligible", "End_ConsentNotObtained", "End_PsychologicalDisorder",
        "End_MdtDeclined")) {
      String r = call("GET", "/engine-rest/history/activity-instance/count?activityId=" + end, AUDITOR, userPassword, null).body();
      Matcher m = COUNT.matcher(r);
      long counted = m.find() ? Long.parseLong(m.group(1)) : -1;
      int exp = expected.getOrDefault(end, 0);
      System.out.printf("outcome %s %d %d%n", end, exp, counted);
      ok &= counted == exp;
    }
    String done = call("GET", "/engine-rest/history/process-instance/count?processDefinitionKey=ucbIsletProtocol&completed=true",
        AUDITOR, userPassword, null).body();
    System.out.println("completed-protocol-instances " + done.replaceAll("\\D", ""));
    System.exit(ok ? 0 : 1);
  }

  /** Enrols child n and screens it to its outcome; returns the screening end event it must have reached. */
  static String child(int n) throws Exception {
    String subject = String.format("UCBI-%04d", n);
    int mix = n % 100;
    boolean adult = mix >= 75 && mix < 80;
    String dob = adult ? "2004-0" + (1 + n % 9) + "-1" + (n % 10)
        : LocalDate.of(2011, 1, 1).plusDays((n * 37L) % 3000).toString();
    String[] genes = {"FOXP3", "IL2RA", "STAT5B", "AIRE", "LRBA", "CTLA4", "STAT3", "STAT1", "ITCH"};
    String start = "{\"businessKey\":\"" + subject + "\",\"variables\":{"
        + v("subjectId", q(subject)) + "," + v("dateOfBirth", q(dob)) + "," + v("sex", q(n % 2 == 0 ? "female" : "male")) + ","
        + v("weightKg", String.format("%.1f", 15.0 + (n % 40))) + "," + v("heightCm", String.format("%.1f", 100.0 + (n % 60))) + ","
        + v("geneName", q(genes[n % genes.length])) + "," + v("variantHgvs", q("NM_005214.5:c.410C>T")) + ","
        + v("referralDate", q("2025-01-10")) + "}}";
    expect(call("POST", "/engine-rest/process-definition/key/ucbIsletProtocol/start", COORDINATOR, userPassword, start), 200,
        "start " + subject);

    boolean hiv = mix >= 70 && mix < 75;
    String workUp = "{" + v("workUpDate", q("2025-02-03")) + "," + v("fastingGlucoseMmolL", "11.2") + "," + v("hba1cPercent", "8.4")
        + "," + v("cPeptideNgPerMl", "0.2") + "," + v("gadAntibody", q("positive")) + "," + v("ia2Antibody", q("negative")) + ","
        + v("znt8Antibody", q("not-tested")) + "," + v("insulinAutoantibody", q("negative")) + "," + v("sequencingMethod", q("wes"))
        + "," + v("t1dDiagnosisConfirmed", "true") + "," + v("extrapancreaticOrganDamageCount", String.valueOf(1 + n % 3)) + ","
        + v("recurrenceAfterStandardTreatment", "true") + "," + v("pathogenicVariantConfirmed", "true") + ","
        + v("matureEffectiveTreatmentAvailable", "false") + "," + v("hivPositive", String.valueOf(hiv)) + ","
        + v("hbvPositive", "false") + "," + v("hcvPositive", "false") + "," + v("activeInfection", "false") + ","
        + v("activeMalignancy", "false") + "," + v("otherFatalDisease", "false") + ","
        + v("mentalOrPsychologicalDisorder", "false") + "," + v("workUpNotes", q("Benchmark child " + n)) + "}";
    work(subject, "Task_RecordDiagnosticWorkUp", ENDOCRINOLOGIST, workUp);
    if (hiv || adult) {
      return "End_NotEligible";
    }
    boolean consent = !(mix >= 80 && mix < 87);
    work(subject, "Task_ObtainInformedConsent", COORDINATOR, "{" + v("consentObtained", String.valueOf(consent)) + "}");
    if (!consent) {
      return "End_ConsentNotObtained";
    }
    boolean fit = !(mix >= 87 && mix < 94);
    work(subject, "Task_AssessPsychologicalFitness", PSYCHOLOGIST, "{" + v("psychologicallyFit", String.valueOf(fit)) + "}");
    if (!fit) {
      return "End_PsychologicalDisorder";
    }
    boolean approved = mix < 94 ? true : false;
    work(subject, "Task_ReviewIndicationsMdt", MDT, "{" + v("mdtApprovedTransplant", String.valueOf(approved)) + "}");
    return approved ? "End_ScreeningPassed" : "End_MdtDeclined";
  }

  /** As Tasklist does it: find the child's task in the own list, claim it, submit the form's variables. */
  static void work(String subject, String taskKey, String user, String variables) throws Exception {
    HttpResponse<String> list = call("GET", "/engine-rest/task?processInstanceBusinessKey=" + subject + "&taskDefinitionKey="
        + taskKey, user, userPassword, null);
    expect(list, 200, "list " + taskKey + " of " + subject);
    Matcher m = FIRST_ID.matcher(list.body());
    if (!m.find()) {
      throw new IllegalStateException(user + " sees no " + taskKey + " of " + subject + ": " + list.body());
    }
    String id = m.group(1);
    expect(call("POST", "/engine-rest/task/" + id + "/claim", user, userPassword, "{\"userId\":\"" + user + "\"}"), 204,
        "claim " + taskKey + " of " + subject);
    HttpResponse<String> done = call("POST", "/engine-rest/task/" + id + "/submit-form", user, userPassword,
        "{\"variables\":" + variables + "}");
    if (done.statusCode() != 200 && done.statusCode() != 204) {
      throw new IllegalStateException("submit " + taskKey + " of " + subject + ": " + done.statusCode() + " " + done.body());
    }
  }

  static String v(String name, String json) {
    return "\"" + name + "\":{\"value\":" + json + "}";
  }

  static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static HttpResponse<String> call(String method, String path, String user, String password, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
    if (json != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, method.equals("PUT") ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
    }
    requests.incrementAndGet();
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void expect(HttpResponse<String> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
    }
  }
}
