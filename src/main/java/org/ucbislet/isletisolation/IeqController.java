package org.ucbislet.isletisolation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ucbislet.clinical.Groups;
import org.ucbislet.config.ApiAccess;

/**
 * {@code POST /api/islets/ieq} (design.md section 6), for the islet lab only: islet counts per diameter class
 * and the recipient's weight in, IEQ and IEQ/kg out, computed by {@link IeqCalculator}. Bad input is answered
 * 400 problem+json naming the field, by {@code org.ucbislet.config.ApiProblemHandler}.
 */
@RestController
@RequestMapping("/api/islets")
public class IeqController {

  /** The name {@code field} gets in a problem about the request body as a whole. */
  public static final String REQUEST_BODY = "body";

  private final ApiAccess access;
  private final ObjectReader requestReader;

  public IeqController(ApiAccess access, ObjectMapper objectMapper) {
    this.access = access;
    // An unknown field is refused, not ignored: a misspelt "sampleVolumeUL" would otherwise silently turn a
    // sample count into an unscaled (far too low) product count.
    this.requestReader = objectMapper.readerFor(IeqRequest.class)
        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * The request (design.md section 6): {@code counts} per diameter class key, {@code recipientWeightKg}, and
   * optionally {@code sampleVolumeUl} with {@code suspensionVolumeMl} when a sample was counted. Counts are
   * read as decimals so that a fractional count is refused rather than truncated.
   */
  public record IeqRequest(Map<String, BigDecimal> counts, Double recipientWeightKg, Double sampleVolumeUl,
                           Double suspensionVolumeMl) {}

  @PostMapping(path = "/ieq", consumes = MediaType.APPLICATION_JSON_VALUE)
  public IeqResult isletEquivalents(@RequestBody(required = false) byte[] body) throws IOException {
    access.requireGroup(Groups.ISLET_LAB); // before the body is even read: 403 whatever was sent
    IeqRequest request = body == null || body.length == 0 ? null : requestReader.readValue(body);
    if (request == null) {
      throw new IeqValidationException(REQUEST_BODY, "a JSON object with counts and recipientWeightKg is required");
    }
    return IeqCalculator.calculate(IsletCounts.fromNumbers(request.counts()), request.recipientWeightKg(),
        request.sampleVolumeUl(), request.suspensionVolumeMl());
  }
}
