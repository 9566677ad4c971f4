package io.wsnova.processor;

/**
 * Every text the processor prints, in one place and one grammar: what is wrong, the rule, and the fix.
 * Placeholders are {@link String#format} arguments.
 */
enum Message {
  CLASS_PRIVATE("wsnova handler classes must not be private: the generated adapter %s in the same package"
      + " calls their methods. Make %s package-private or public"),
  CLASS_ABSTRACT("wsnova handler classes must be concrete: the generated adapter wraps an instance of %s."
      + " Remove 'abstract', or move the annotated methods to a concrete subclass"),
  CLASS_NOT_A_CLASS("wsnova callback annotations belong on methods of a class or record, not of %s (%s). %s"),
  CLASS_LOCAL("wsnova handler classes must have a name the generated adapter can use: %s is %s class. Move its"
      + " annotated methods to a static nested or top-level class"),
  CLASS_INNER("wsnova handler classes must be top-level or static: %s is an inner class, and the generated"
      + " adapter cannot create it without an outer instance. Add 'static'"),
  CLASS_GENERIC("wsnova handler classes must not be generic: the generated adapter cannot choose %s's type"
      + " arguments. Remove the type parameters, or extend %s with a non-generic class"),
  CLASS_ENCLOSED_BY_PRIVATE("wsnova handler classes must be reachable from their package: %s sits in the private"
      + " class %s. Make %s package-private or public"),
  METHOD_PRIVATE("@%s methods must not be private: the generated adapter calls %s directly. Make it"
      + " package-private or public"),
  METHOD_STATIC("@%s methods must not be static: callbacks act on the handler object, whose state survives"
      + " reconnects. Remove 'static' from %s"),
  METHOD_NOT_ACCESSIBLE("@%s method %s is %s in %s, another package than the handler %s, so its adapter cannot"
      + " call it. Make it public"),
  OVERRIDE_DROPS_CALLBACK("%s overrides the @%s method %s of %s without repeating @%s, which leaves unclear whether"
      + " it is still a callback. Repeat @%s on it (with its route, if any), or give it another name"),
  OVERRIDE_CHANGES_CALLBACK("%s overrides the @%s method %s of %s but carries @%s: an override answers the callback"
      + " it overrides. Keep @%s, or give the method another name"),
  INHERITED("%s, inherited from %s: %s"),
  METHOD_GENERIC("@%s methods must not be generic: the runtime cannot choose %s's type arguments. Remove the"
      + " type parameters"),
  TWO_CALLBACKS("a method answers one callback, but %s carries both @%s and @%s. Keep one, and move the other"
      + " to a method of its own"),
  DUPLICATE_CALLBACK("a class has at most one @%s method, and %s already is one. Merge %s into it or remove one"),
  PARAM_UNSUPPORTED("@%s methods cannot take a parameter of type %s. They may take, in any order: %s"),
  PARAM_REPEATED("@%s methods take each value once, and parameter '%s' repeats %s"),
  PARAM_MIXED_PAYLOAD("an @%s method receives either text (String or a JSON type) or binary (byte[] or"
      + " ByteBuffer), and '%s' mixes them. Split it into a text and a binary method"),
  PARAM_JSON_NOT_CONCRETE("@%s decodes JSON into the exact type of '%s', so %s must not contain %s. Name"
      + " concrete type arguments, e.g. List<Tick> or Map<String, Quote>"),
  PARAM_SECOND_JSON("an @OnFrame method decodes each message into one type, and '%s' would be a second (%s)."
      + " Keep one JSON parameter"),
  RETURN_UNSUPPORTED("@%s methods cannot return %s. They may return: %s"),
  RETURN_RECONNECT("@%s methods must not return Result.Reconnect: ConnectionHandler callbacks never decide"
      + " reconnection, the ErrorHandler does. Return %s here, and decide reconnection in an ErrorHandler:"
      + " Options.builder().errorHandler(event -> ...).build()"),
  ROUTE_INCOMPLETE("@OnFrame routes by a field and the value it must have: %s is set but %s is not. Set both,"
      + " e.g. @OnFrame(field = \"type\", value = \"tick\"), or neither"),
  ROUTE_VALUE_EMPTY("@OnFrame(%s) is empty: a route names a field and the non-empty value it must have."
      + " Give it, e.g. @OnFrame(field = \"type\", value = \"tick\"), or remove field and value"),
  ROUTE_WITHOUT_JSON("@OnFrame(field, value) routes JSON messages to a decoded type, but %s takes no parameter"
      + " to decode them into. Add one (e.g. a record), or remove field and value"),
  ROUTE_CONFLICT("%s would receive the same frames as %s: %s. Give each its own route (field and value), or"
      + " merge them"),
  ROUTE_AMBIGUOUS("%s and %s could both take one message (%s), and neither is more specific: routes are tried"
      + " by their number of conditions, then exact values, then longer values. Add a condition to one, or make"
      + " their values exclusive"),
  ROUTE_CONDITION_MALFORMED("@OnFrame(when) conditions are \"path=value\", e.g. \"params.channel=trades.*\";"
      + " \"%s\" is not"),
  ROUTE_PATH_MALFORMED("@OnFrame(%s) is a field name or a dotted path to a nested field, e.g. \"params.channel\";"
      + " \"%s\" has an empty part"),
  ROUTE_PATH_TWICE("an @OnFrame route has one condition per field, and \"%s\" has two. Keep one"),
  ADAPTER_NAME_TAKEN("the adapter of %s would be %s, but a type of that name already exists. Rename that type,"
      + " or this class"),
  ADAPTER_NAME_COLLISION("the adapter of %s would be %s, which is already the adapter of %s. Rename one of the two"
      + " classes"),
  ADAPTER_STALE("%s was generated from an earlier version of %s, and this compiler cannot write it again while"
      + " the old one is visible (it was given that file, or, on Eclipse's compiler, found it on the class path"
      + " or source path). Delete the old %s (.java and .class) so that the processor writes it anew, or"
      + " rebuild cleanly"),
  REGISTRY_NOT_WRITTEN("the wsnova processor could not write %s, through which the runtime finds adapters"
      + " without reflection (%s), so they will be looked up by name. Rebuild cleanly; if it persists, report it"
      + " with the compiler's name"),
  MODULE_HIDES_ADAPTER("wsnova handlers in a named module must let the runtime reach their adapter, and module %s"
      + " does not. Add to its module-info.java: provides %s with %s; (or export the package: exports %s to %s;)"),
  URI_INVALID("@WebSocketClient(uri) must be a ws:// or wss:// address with a host, e.g."
      + " \"wss://example.com/stream\"; \"%s\" is not"),
  PING_INTERVAL_NEGATIVE("@WebSocketClient(pingIntervalMillis) must be 0 (no heartbeat) or positive, not %s"),
  INTERNAL_ERROR("internal error in the wsnova processor while processing %s (%s); please report it to the wsnova"
      + " maintainers with this class. Compile with -Awsnova.debug=true for the stack trace%s");

  private final String format;

  Message(String format) {
    this.format = format;
  }

  String format(Object... args) {
    return String.format(format, args);
  }
}
