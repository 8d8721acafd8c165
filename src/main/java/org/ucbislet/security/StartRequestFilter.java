package org.ucbislet.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.ucbislet.clinical.ClientError;

/**
 * {@code POST /engine-rest/process-definition/.../start}: a process starts at its start event with its variables, and
 * nothing else. Refused with 400 naming the member, before the engine sees the request: {@code startInstructions}
 * (starting at a step; the engine refuses it too, see {@link ProtocolPathGuardPlugin}), {@code skipCustomListeners}
 * and {@code skipIoMappings} set to true, and {@code withVariablesInReturn} set to true (starting a process gives no
 * right to read the variables the engine computed afterwards).
 */
public class StartRequestFilter implements ContainerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern START = Pattern.compile("^/?process-definition/(key/[^/]+(/tenant-id/[^/]+)?|[^/]+)/start/?$");
  private static final List<String> FLAGS = List.of("skipCustomListeners", "skipIoMappings", "withVariablesInReturn");

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!"POST".equals(request.getMethod()) || !START.matcher(request.getUriInfo().getPath()).matches()
        || !request.hasEntity()) {
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    JsonNode start;
    try {
      start = JSON.readTree(body);
    } catch (IOException e) {
      return; // the engine's REST layer answers malformed JSON itself
    }
    String problem = problem(start);
    if (problem != null) {
      ExceptionDto dto = new ExceptionDto();
      dto.setType("InvalidRequestException");
      dto.setMessage(problem);
      dto.setCode(ClientError.codeFor(400));
      request.abortWith(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(dto).build());
    }
  }

  static String problem(JsonNode start) {
    if (start == null || !start.isObject()) {
      return null;
    }
    JsonNode instructions = start.get("startInstructions");
    if (instructions != null && !instructions.isNull() && !(instructions.isArray() && instructions.isEmpty())) {
      return "startInstructions: not accepted. A process starts at its start event, with its start form checked; "
          + "starting at a step would skip the protocol's earlier steps";
    }
    for (String flag : FLAGS) {
      if (start.path(flag).asBoolean(false)) {
        return flag + ": must be false or absent" + ("withVariablesInReturn".equals(flag)
            ? "; starting a process gives no right to read its variables" : "; a process runs all its listeners and mappings");
      }
    }
    return null;
  }
}
