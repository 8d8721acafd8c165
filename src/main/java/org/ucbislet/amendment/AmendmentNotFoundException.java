package org.ucbislet.amendment;

/** No deployed amendment has this ID: answered 404 naming it. */
public class AmendmentNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AmendmentNotFoundException(String id) {
    super("no amendment '" + id + "' is deployed (GET /api/amendments lists them)");
  }
}
