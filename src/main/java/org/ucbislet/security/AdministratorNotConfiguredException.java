package org.ucbislet.security;

/** Start-up without a usable administrator outside the demo profile. */
public class AdministratorNotConfiguredException extends IllegalStateException {

  private final String action;

  public AdministratorNotConfiguredException(String message, String action) {
    super(message);
    this.action = action;
  }

  public String action() {
    return action;
  }
}
