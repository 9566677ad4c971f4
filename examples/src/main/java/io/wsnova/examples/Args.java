package io.wsnova.examples;

/** Command-line options shared by the examples. */
final class Args {
  private Args() {}

  /** The value of {@code --url ws://...} or {@code --url=wss://...}, or {@code null} for the embedded server. */
  static String url(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--url") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--url=")) {
        return args[i].substring("--url=".length());
      }
    }
    return null;
  }

  /** The value of {@code --seconds N}, or {@code defaultValue}. */
  static long seconds(String[] args, long defaultValue) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--seconds")) {
        return Long.parseLong(args[i + 1]);
      }
    }
    return defaultValue;
  }

  /** The value of {@code --NAME value} or {@code --NAME=value}, or {@code defaultValue}. */
  static String value(String[] args, String name, String defaultValue) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--" + name) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--" + name + "=")) {
        return args[i].substring(name.length() + 3);
      }
    }
    return defaultValue;
  }
}
