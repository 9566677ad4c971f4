package io.wsnova.runtime.adapter;

import io.wsnova.runtime.UnhandledMessageException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson for wsnova. The default mapper ignores unknown fields, since live APIs add fields without
 * notice and a new field must not break a running client. A client may bring its own mapper
 * ({@code NovaClient.builder().jsonMapper(...)}): its event-loop threads run with it
 * ({@link #runWith}), so the decoders that generated adapters keep in static fields decode with the
 * mapper of the client whose loop calls them.
 */
public final class JsonCodec {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  /** The mapper of the client whose event loop this thread is; unset (the default mapper) elsewhere. */
  private static final ThreadLocal<JsonMapper> THREAD_MAPPER = new ThreadLocal<>();

  private JsonCodec() {}

  /** The default mapper: start a mapper of your own from {@code mapper().rebuild()} to keep its settings. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** The mapper for this thread: its client's on an event loop, else the default. */
  public static JsonMapper current() {
    JsonMapper m = THREAD_MAPPER.get();
    return m == null ? MAPPER : m;
  }

  /**
   * Runs {@code body}, a thread's whole work, with {@code mapper} as its {@link #current()} mapper: how a
   * client's event-loop threads get the client's mapper.
   */
  public static void runWith(JsonMapper mapper, Runnable body) {
    THREAD_MAPPER.set(mapper);
    try {
      body.run();
    } finally {
      THREAD_MAPPER.remove();
    }
  }

  /** A decoder for {@code type}; build it once (generated adapters keep one per type in a static field). */
  public static <T> Decoder<T> decoder(Class<T> type) {
    return new Decoder<>(type.getName(), type);
  }

  /**
   * A decoder for a generic type, e.g. {@code decoder(new TypeOf<List<Tick>>() {})}: the anonymous
   * subclass keeps the type arguments that erasure would lose.
   */
  public static <T> Decoder<T> decoder(TypeOf<T> type) {
    return new Decoder<>(type.type().getTypeName(), type.type());
  }

  /** A generic type captured by an anonymous subclass, as generated adapters create them. */
  public abstract static class TypeOf<T> {
    private final java.lang.reflect.Type type;

    protected TypeOf() {
      java.lang.reflect.Type superclass = getClass().getGenericSuperclass();
      if (!(superclass instanceof java.lang.reflect.ParameterizedType p)) {
        throw new IllegalStateException("create a TypeOf as an anonymous subclass with a type argument");
      }
      this.type = p.getActualTypeArguments()[0];
    }

    /** The captured type. */
    public java.lang.reflect.Type type() {
      return type;
    }
  }

  /** One writer per class, built on first use. */
  private static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {
    @Override
    protected ObjectWriter computeValue(Class<?> type) {
      return MAPPER.writerFor(type);
    }
  };

  /** Writes {@code value} as JSON text with this thread's {@link #current()} mapper. */
  public static String write(Object value) {
    return write(current(), value);
  }

  /** Writes {@code value} as JSON text with {@code mapper}. */
  public static String write(JsonMapper mapper, Object value) {
    if (value == null) {
      return "null";
    }
    return mapper == MAPPER ? WRITERS.get(value.getClass()).writeValueAsString(value) : mapper.writeValueAsString(value);
  }

  /**
   * The value of a top-level field of a JSON object, as text (a string's content, a number's or a
   * boolean's spelling), or {@code null} when the text is not a JSON object or lacks a scalar field of
   * that name. Reads only as far as the field, skipping nested values without building them.
   */
  @SuppressWarnings("ReferenceEquality") // ASK_JACKSON is a sentinel instance, told apart from every real value
  public static String field(String json, String name) {
    String scanned = JsonFields.scan(json, name);
    return scanned != JsonFields.ASK_JACKSON ? scanned : fieldByJackson(json, name);
  }

  /**
   * The scalar value at a nested path ({@code path("params", "channel")} for {@code params.channel}), as
   * {@link #field} gives a top-level one; {@code null} when the path is absent or not scalar.
   */
  @SuppressWarnings("ReferenceEquality") // ASK_JACKSON is a sentinel instance, told apart from every real value
  public static String path(String json, String... path) {
    String scanned = JsonFields.scanPath(json, path);
    if (scanned != JsonFields.ASK_JACKSON) {
      return scanned;
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      for (String segment : path) {
        node = node == null ? null : node.get(segment);
      }
      return node != null && node.isValueNode() && !node.isNull() ? node.asString() : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** {@link #field}, the slow and sure way: for the rare message with escapes where the scan looks. */
  static String fieldByJackson(String json, String name) {
    try (JsonParser p = MAPPER.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
        boolean wanted = name.equals(p.currentName());
        JsonToken value = p.nextToken();
        if (wanted) {
          return value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getString() : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Decodes JSON text into one type; failures become {@link UnhandledMessageException}. */
  public static final class Decoder<T> {
    private final String type;
    private final java.lang.reflect.Type javaType;
    private final ObjectReader defaultReader;
    /** The reader for the last other mapper asked for: an application rarely has more than one. */
    private volatile MapperReader other;

    private record MapperReader(JsonMapper mapper, ObjectReader reader) {}

    private Decoder(String type, java.lang.reflect.Type javaType) {
      this.type = type;
      this.javaType = javaType;
      this.defaultReader = MAPPER.readerFor(MAPPER.constructType(javaType));
    }

    /** The reader of this thread's mapper. */
    private ObjectReader reader() {
      JsonMapper mapper = THREAD_MAPPER.get();
      if (mapper == null || mapper == MAPPER) {
        return defaultReader;
      }
      MapperReader last = other;
      if (last == null || last.mapper() != mapper) {
        last = new MapperReader(mapper, mapper.readerFor(mapper.constructType(javaType)));
        other = last;
      }
      return last.reader();
    }

    /**
     * Decodes the part of {@code json} at {@code path} ({@code decodeAt(text, "params", "data")}), for
     * a route that hands the handler a nested part of the message.
     */
    public T decodeAt(String json, String... path) {
      try {
        JsonNode node = current().readTree(json);
        for (String segment : path) {
          node = node == null ? null : node.get(segment);
        }
        if (node == null || node.isMissingNode()) {
          throw new UnhandledMessageException("the message has no " + String.join(".", path) + " to decode into "
              + type, json, null);
        }
        return reader().readValue(node);
      } catch (JacksonException e) {
        throw new UnhandledMessageException(
            "the message's " + String.join(".", path) + " does not decode into " + type + " (" + e.getOriginalMessage()
                + ")", json, e);
      }
    }

    /** Decodes the whole of {@code json}. */
    public T decode(String json) {
      try {
        return reader().readValue(json);
      } catch (JacksonException e) {
        throw new UnhandledMessageException(
            "the message does not decode into " + type + " (" + e.getOriginalMessage() + ")", json, e);
      }
    }
  }
}
