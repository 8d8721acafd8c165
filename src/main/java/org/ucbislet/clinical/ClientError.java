package org.ucbislet.clinical;

/**
 * An engine exception that is the caller's fault, not the server's. It carries the custom engine
 * error code {@code 22000 + HTTP status} (Camunda reserves 20000-39999 for applications), which
 * {@link ClientErrorCodesPlugin} keeps on the engine's wrapper exceptions and {@link RestApiConfig}
 * turns into that HTTP status on {@code /engine-rest}.
 */
public interface ClientError {

  int CODE_BASE = 22000;

  /** The HTTP status a REST caller gets: 400, 403, 409 ... */
  int httpStatus();

  static int codeFor(int httpStatus) {
    return CODE_BASE + httpStatus;
  }

  static boolean isClientErrorCode(Integer code) {
    return code != null && code >= CODE_BASE + 400 && code < CODE_BASE + 500;
  }
}
