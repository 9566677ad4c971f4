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
}
