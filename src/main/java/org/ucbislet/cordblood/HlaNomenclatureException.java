package org.ucbislet.cordblood;

/** A text that is not a WHO HLA allele name of the four matched loci; the message names the value and the problem. */
public class HlaNomenclatureException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public HlaNomenclatureException(String message) {
    super(message);
  }
}
