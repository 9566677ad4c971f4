package io.wsnova.runtime.adapter;

/**
 * Finds the value of one top-level field of a JSON object in text, for routing messages, without a
 * parser: routing runs for every text message, and creating a Jackson parser (and, for text that is not
 * JSON, the exception it throws) costs more than the rest of the dispatch together.
 *
 * <p>It does not validate: the decoder that follows parses the message fully. Where the scan meets
 * something it does not handle simply (an escape in the field's name or value), it leaves the answer to
 * Jackson.
 */
final class JsonFields {
  /** Returned by {@link #scan} when Jackson must decide. */
  static final String ASK_JACKSON = new String("ask Jackson");

  private JsonFields() {}

  /** The field's scalar value as text, {@code null} if absent or not scalar, or {@link #ASK_JACKSON}. */
  static String scan(String json, String name) {
    int i = valueIndex(json, 0, name);
    return i >= 0 ? scalar(json, i) : i == -2 ? ASK_JACKSON : null;
  }

  /**
   * The scalar value at {@code path} (a field of a field of ... the top-level object), as {@link #scan}
   * gives it: each object on the way is searched the same way, skipping what it does not need.
   */
  static String scanPath(String json, String[] path) {
    int i = 0;
    for (int k = 0; k < path.length; k++) {
      i = valueIndex(json, i, path[k]);
      if (i < 0) {
        return i == -2 ? ASK_JACKSON : null;
      }
      if (k < path.length - 1 && json.charAt(i) != '{') {
        return null; // the path goes through something that is no object
      }
    }
    return scalar(json, i);
  }

  /**
   * Where the value of field {@code name} starts, in the object that opens at or after {@code from}; -1
   * when there is no such field (or no object), -2 when Jackson must decide.
   */
  private static int valueIndex(String json, int from, String name) {
    int n = json.length();
    int i = skipWhitespace(json, from);
    if (i >= n || json.charAt(i) != '{') {
      return -1;
    }
    i++;
    while (true) {
      i = skipWhitespace(json, i);
      if (i >= n || json.charAt(i) != '"') {
        return -1; // '}' (no more fields) or not JSON
      }
      int keyEnd = endOfString(json, i);
      if (keyEnd < 0) {
        return keyEnd == -2 ? -2 : -1;
      }
      boolean wanted = keyEnd - i - 1 == name.length() && json.regionMatches(i + 1, name, 0, name.length());
      i = skipWhitespace(json, keyEnd + 1);
      if (i >= n || json.charAt(i) != ':') {
        return -1;
      }
      i = skipWhitespace(json, i + 1);
      if (i >= n) {
        return -1;
      }
      if (wanted) {
        return i;
      }
      i = skipValue(json, i);
      if (i < 0) {
        return i;
      }
      i = skipWhitespace(json, i);
      if (i >= n || json.charAt(i) != ',') {
        return -1;
      }
      i++;
    }
  }

  private static String scalar(String json, int i) {
    char c = json.charAt(i);
    if (c == '"') {
      int end = endOfString(json, i);
      return end >= 0 ? json.substring(i + 1, end) : end == -2 ? ASK_JACKSON : null;
    }
    if (c == '{' || c == '[') {
      return null;
    }
    int end = i;
    while (end < json.length() && ",}] \t\r\n".indexOf(json.charAt(end)) < 0) {
      end++;
    }
    String token = json.substring(i, end);
    return token.equals("null") ? null : token;
  }

  /** The index of the closing quote of the string opening at {@code i}; -1 if unterminated, -2 on an escape. */
  private static int endOfString(String json, int i) {
    for (int j = i + 1; j < json.length(); j++) {
      char c = json.charAt(j);
      if (c == '"') {
        return j;
      }
      if (c == '\\') {
        return -2;
      }
    }
    return -1;
  }

  /** The index just after the value at {@code i}; -1 if malformed, -2 on an escape inside a string. */
  private static int skipValue(String json, int i) {
    int depth = 0;
    int n = json.length();
    while (i < n) {
      char c = json.charAt(i);
      if (c == '"') {
        int end = endOfString(json, i);
        if (end < 0) {
          return end;
        }
        i = end + 1;
      } else if (c == '{' || c == '[') {
        depth++;
        i++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
        i++;
      } else if (c == ',' && depth == 0) {
        return i;
      } else {
        i++;
      }
      if (depth == 0 && (c == '"' || c == '}' || c == ']')) {
        return i;
      }
    }
    return depth == 0 ? i : -1;
  }

  private static int skipWhitespace(String json, int i) {
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        break;
      }
      i++;
    }
    return i;
  }
}
