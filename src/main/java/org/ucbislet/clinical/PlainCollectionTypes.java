package org.ucbislet.clinical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain java.util types that object variables are stored as (issue 15 item 1, docs/security.md "Deserialization
 * allow-list"). The engine's deserialization allow-list ({@code deserialization-type-validation-enabled}) reads back
 * only the classes listed in application.yaml; a {@code List.of}, {@code Stream.toList()}, {@code Map.of} or
 * {@code Collections.unmodifiable*} value would be stored under its JDK-internal class name
 * ({@code java.util.ImmutableCollections$ListN}) and refused on read. Every java.util collection class outside
 * {@link #PLAIN} in a stored type name is replaced by the plain type of the same kind (a list by {@code ArrayList}, a
 * map by {@code LinkedHashMap}, a sorted map by {@code TreeMap}, a set by {@code LinkedHashSet}, a sorted set by
 * {@code TreeSet}); the JSON text is the same for both, so nothing but the class it is read back as changes.
 */
public final class PlainCollectionTypes {

  /** The java.util classes object variables are stored as; the engine's allow-list names exactly these. */
  public static final Set<String> PLAIN = Set.of(ArrayList.class.getName(), LinkedHashMap.class.getName(),
      java.util.HashMap.class.getName(), TreeMap.class.getName(), LinkedHashSet.class.getName(), TreeSet.class.getName());

  private static final Pattern CLASS_NAME = Pattern.compile("java\\.util\\.[A-Za-z0-9_$.]+");

  private PlainCollectionTypes() {
  }

  /**
   * A canonical type name (as Spin stores it, e.g. {@code java.util.ImmutableCollections$ListN<java.lang.String>})
   * with every non-plain java.util collection class replaced by its plain counterpart; other names unchanged.
   */
  public static String plain(String typeName) {
    if (typeName == null) {
      return null;
    }
    Matcher matcher = CLASS_NAME.matcher(typeName);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(result, Matcher.quoteReplacement(plainClass(matcher.group())));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /** The plain class name for one java.util class name; the name itself when plain, not a collection or unknown. */
  static String plainClass(String className) {
    if (PLAIN.contains(className)) {
      return className;
    }
    Class<?> type;
    try {
      type = Class.forName(className, false, PlainCollectionTypes.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return className;
    }
    if (SortedMap.class.isAssignableFrom(type)) {
      return TreeMap.class.getName();
    }
    if (Map.class.isAssignableFrom(type)) {
      return LinkedHashMap.class.getName();
    }
    if (List.class.isAssignableFrom(type)) {
      return ArrayList.class.getName();
    }
    if (SortedSet.class.isAssignableFrom(type)) {
      return TreeSet.class.getName();
    }
    if (Set.class.isAssignableFrom(type)) {
      return LinkedHashSet.class.getName();
    }
    return className;
  }
}
