package org.ucbislet.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/ resolves in a plain clone of the repository: the file or directory
 * exists, and a {@code #fragment} names a heading of the Markdown file it points to (GitHub's heading anchors).
 * Links to other sites are not followed. Also: nothing points outside the repository (no {@code ../shared}).
 */
class DocumentationLinksTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  /** {@code [text](target)} and {@code ![alt](target)}, target up to the first space or closing parenthesis. */
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

  static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>();
    documents.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path document : documents()) {
      for (String target : links(document)) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // http:, https:, mailto:
        }
        checked++;
        String problem = problem(document, target);
        if (problem != null) {
          broken.add(ROOT.relativize(document) + ": " + target + " (" + problem + ")");
        }
      }
    }
    assertThat(broken).as("broken relative links").isEmpty();
    assertThat(checked).as("relative links checked").isGreaterThan(50);
  }

  @Test
  void nothingPointsOutsideTheRepository() throws IOException {
    List<String> outside = new ArrayList<>();
    for (Path document : documents()) {
      String text = Files.readString(document);
      if (text.contains("../shared")) {
        outside.add(ROOT.relativize(document).toString());
      }
    }
    assertThat(outside).as("documents citing ../shared (copy the source into docs/clinical/)").isEmpty();
  }

  @Test
  void aMissingFileAndAMissingHeadingAreReported() throws IOException {
    Path readme = ROOT.resolve("README.md");
    assertThat(problem(readme, "docs/no-such-file.md")).isEqualTo("no such file");
    assertThat(problem(readme, "docs/architecture.md#no-such-heading")).isEqualTo("no such heading");
    assertThat(problem(readme, "docs/architecture.md#packages")).isNull();
  }

  private static String problem(Path document, String target) {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
    if (!resolved.startsWith(ROOT)) {
      return "outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (fragment != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(fragment)) {
      return "no such heading";
    }
    return null;
  }

  private static List<String> links(Path document) throws IOException {
    List<String> targets = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(document)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      }
      if (fenced) {
        continue;
      }
      Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (link.find()) {
        String target = link.group(1);
        targets.add(target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target);
      }
    }
    return targets;
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
  static Set<String> anchors(Path markdown) {
    try {
      Set<String> anchors = new HashSet<>();
      boolean fenced = false;
      for (String line : Files.readAllLines(markdown)) {
        if (line.startsWith("```")) {
          fenced = !fenced;
        }
        Matcher heading = HEADING.matcher(line);
        if (fenced || !heading.matches()) {
          continue;
        }
        String slug = heading.group(1).toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        String unique = slug;
        for (int n = 1; !anchors.add(unique); n++) {
          unique = slug + "-" + n;
        }
      }
      return anchors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
