package org.ucbislet.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.ucbislet.clinical.Groups;
import org.ucbislet.config.ApiProblemHandler;
import org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.safety.AdverseEventVariables;

/**
 * Lets the groups that design.md section 4 names send the protocol's clinical event messages through the engine's own
 * {@code POST /engine-rest/message}, without giving them the right to change a child's process in any other way.
 *
 * <p>Delivering a message to a running {@code ucbIsletProtocol} needs UPDATE on that instance, which would also allow
 * setting any variable or moving tokens. Instead, for exactly these messages and senders the request is checked here
 * and then runs with one extra, memberless group ({@link #EVENT_SENDER_GROUP}) whose only grants are UPDATE_INSTANCE on
 * {@code ucbIsletProtocol} and {@code cordBloodTransplant}:
 * <ul>
 *   <li>{@code ConsentWithdrawn}: trial-coordinator (enrolment and consent);</li>
 *   <li>{@code PatientDeceased}, {@code AdverseEventReported}: trial-coordinator, endocrinologist, transplant-physician
 *   (they report adverse events; a death is reported as one);</li>
 *   <li>{@code ChimerismResultReceived} (stage 1): hla-lab, transplant-physician;</li>
 *   <li>camunda-admin may send all four.</li>
 * </ul>
 * The body must correlate by {@code businessKey} (a subject ID) alone and carry only the message's own variables;
 * anything else is refused with HTTP 400 naming the field, before the engine sees it. Other users and other messages
 * pass untouched, so the engine's authorizations decide for them (403).
 */
public class ProtocolEventMessageFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ProtocolEventMessageFilter.class);

  /** Never created as a group, so nobody can be a member; granted UPDATE_INSTANCE on ucbIsletProtocol. */
  public static final String EVENT_SENDER_GROUP = "ucbi-protocol-event-sender";
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final Pattern SUBJECT_ID = Pattern.compile(ProtocolVariables.SUBJECT_ID_PATTERN);
  private static final Set<String> ACCEPTED_MEMBERS =
      Set.of("messageName", "businessKey", "processVariables", "resultEnabled", "variablesInResultEnabled", "all");

  record Rule(Set<String> senders, Set<String> variables) {
  }

  private static final List<String> REPORTERS =
      List.of(Groups.TRIAL_COORDINATOR.id(), Groups.ENDOCRINOLOGIST.id(), Groups.TRANSPLANT_PHYSICIAN.id());

  static final Map<String, Rule> RULES = Map.of(
      ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN, new Rule(Set.of(Groups.TRIAL_COORDINATOR.id()),
          Set.of(ProtocolVariables.WITHDRAWAL_DATE, ProtocolVariables.WITHDRAWAL_REASON)),
      ProtocolVariables.MESSAGE_PATIENT_DECEASED, new Rule(Set.copyOf(REPORTERS),
          Set.of(ProtocolVariables.DATE_OF_DEATH, ProtocolVariables.CAUSE_OF_DEATH, ProtocolVariables.CAUSE_OF_DEATH_TERM,
              AdverseEventVariables.UNEXPECTED, AdverseEventVariables.RELATED_TO_INTERVENTION)),
      AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED, new Rule(Set.copyOf(REPORTERS),
          Set.copyOf(AdverseEventVariables.REPORT_FIELDS)),
      // the chimerism result of the third-party laboratory, entered by the HLA laboratory (which runs or receives the
      // chimerism analysis) or a transplant physician
      CordBloodTransplantVariables.MESSAGE_CHIMERISM_RESULT_RECEIVED, new Rule(
          Set.of(Groups.HLA_LAB.id(), Groups.TRANSPLANT_PHYSICIAN.id()),
          Set.of(CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT, CordBloodTransplantVariables.CHIMERISM_RESULT_DATE,
              CordBloodTransplantVariables.T_CELL_DONOR_CHIMERISM_PERCENT,
              CordBloodTransplantVariables.MYELOID_DONOR_CHIMERISM_PERCENT)));

  private final IdentityService identity;
  private final ObjectMapper json;

  public ProtocolEventMessageFilter(IdentityService identity, ObjectMapper json) {
    this.identity = identity;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = AdminSetupLockdownFilter.normalise(request.getRequestURI());
    return !"POST".equalsIgnoreCase(request.getMethod())
        || !(path.equals("/engine-rest/message") || path.equals("/engine-rest/message/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      refuse(response, "body: a message must not be larger than " + (MAX_BODY_BYTES >> 10) + " KiB");
      return;
    }
    HttpServletRequest replay = new CachedBodyRequest(request, body);
    Authentication user = identity.getCurrentAuthentication();
    JsonNode message = parse(body);
    Rule rule = message == null ? null : RULES.get(message.path("messageName").asText(""));
    if (user == null || rule == null || !maySend(user, rule)) {
      chain.doFilter(replay, response);
      return;
    }
    String name = message.path("messageName").asText();
    String problem = problem(name, message, rule);
    if (problem != null) {
      refuse(response, problem);
      return;
    }
    List<String> groups = new ArrayList<>(user.getGroupIds() == null ? List.of() : user.getGroupIds());
    groups.add(EVENT_SENDER_GROUP);
    identity.setAuthentication(new Authentication(user.getUserId(), groups, user.getTenantIds()));
    LOG.info("Message {} for {} sent by {}", name, message.path("businessKey").asText(), user.getUserId());
    try {
      chain.doFilter(replay, response);
    } finally {
      identity.setAuthentication(user);
    }
  }

  /** HTTP 400 problem+json naming the field of a "field: problem" text (ApiProblemHandler's shape). */
  private void refuse(HttpServletResponse response, String problem) throws IOException {
    int colon = problem.indexOf(": ");
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), ApiProblemHandler.invalid(problem.substring(0, colon), problem.substring(colon + 2)));
  }

  private static boolean maySend(Authentication user, Rule rule) {
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    return groups.contains(Groups.CAMUNDA_ADMIN.id()) || groups.stream().anyMatch(rule.senders()::contains);
  }

  /** "field: problem" for a body this filter refuses, or null when it may go to the engine. */
  static String problem(String name, JsonNode message, Rule rule) {
    for (Iterator<String> it = message.fieldNames(); it.hasNext(); ) {
      String member = it.next();
      if (!ACCEPTED_MEMBERS.contains(member)) {
        return member + ": not accepted with message " + name
            + "; it is correlated by businessKey (the subject ID) and carries processVariables only";
      }
    }
    if (message.path("variablesInResultEnabled").asBoolean(false)) {
      return "variablesInResultEnabled: must be false or absent for message " + name
          + ": sending it gives no right to read the child's variables";
    }
    if (message.path("all").asBoolean(false)) {
      return "all: must be false or absent for message " + name + ": one message is one event of one child";
    }
    JsonNode key = message.get("businessKey");
    if (key == null || !key.isTextual() || !SUBJECT_ID.matcher(key.asText()).matches()) {
      return "businessKey: the subject ID of the child is required (pattern UCBI-0000), was "
          + (key == null ? "missing" : key.toString());
    }
    JsonNode variables = message.get("processVariables");
    if (variables != null && !variables.isNull()) {
      if (!variables.isObject()) {
        return "processVariables: must be an object of typed values";
      }
      for (Iterator<String> it = variables.fieldNames(); it.hasNext(); ) {
        String variable = it.next();
        if (!rule.variables().contains(variable)) {
          return "processVariables." + variable + ": not a variable of message " + name + " (accepted: "
              + rule.variables().stream().sorted().collect(Collectors.joining(", ")) + ")";
        }
      }
    }
    return null;
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode node = json.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null; // the engine's REST layer answers malformed JSON itself
    }
  }

  /** The request with its body read once here and replayed to the REST resource. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
