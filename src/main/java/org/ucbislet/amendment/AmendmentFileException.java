package org.ucbislet.amendment;

import java.util.List;
import org.ucbislet.clinical.InvalidInputException;

/**
 * An amendment file that is not valid: every problem names its field as a JSON path ({@code
 * processes.screening.mappings[0].to}). Refused when the file is read (a deployment that carries it fails, a test of
 * the repository's amendments fails), answered 400 naming the first field when it comes through the API.
 */
public class AmendmentFileException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public AmendmentFileException(String file, List<String> problems) {
    super(problems.get(0).substring(0, problems.get(0).indexOf(':')),
        "amendment file " + file + " is not valid: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, {@code field: problem}. */
  public List<String> problems() {
    return problems;
  }
}
