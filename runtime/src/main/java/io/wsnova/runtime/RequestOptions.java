package io.wsnova.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How requests find their answers ({@link Connection#request}): JSON-RPC 2.0 by default. Each request is
 * stamped with a fresh id in {@link #idField()}; the answer with the same id completes it with its
 * {@link #resultField()}, or fails it with its {@link #errorField()}.
 *
 * @param idField the top-level field that carries the id, in requests and answers ({@code "id"})
 * @param resultField the answer's field that holds the result ({@code "result"})
 * @param errorField the answer's field that holds an error object with {@code code}, {@code message} and
 *     {@code data} ({@code "error"})
 * @param timeout how long a request waits for its answer by default (30 s)
 * @param maxInFlight requests waiting for answers at most, per connection (4096); one more fails at once
 */
public record RequestOptions(String idField, String resultField, String errorField, Duration timeout, int maxInFlight) {
  /** JSON-RPC 2.0: {@code id}, {@code result}, {@code error}; 30 s; 4096 in flight. */
  public static final RequestOptions JSON_RPC = new RequestOptions("id", "result", "error", Duration.ofSeconds(30), 4096);

  public RequestOptions {
    Objects.requireNonNull(idField, "idField");
    Objects.requireNonNull(resultField, "resultField");
    Objects.requireNonNull(errorField, "errorField");
    if (idField.isEmpty()) {
      throw new IllegalArgumentException("idField must name a field");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
  }

  /** These options with another id field. */
  public RequestOptions withIdField(String field) {
    return new RequestOptions(field, resultField, errorField, timeout, maxInFlight);
  }

  /** These options with other result and error fields. */
  public RequestOptions withAnswerFields(String result, String error) {
    return new RequestOptions(idField, result, error, timeout, maxInFlight);
  }

  /** These options with another default timeout. */
  public RequestOptions withTimeout(Duration timeout) {
    return new RequestOptions(idField, resultField, errorField, timeout, maxInFlight);
  }

  /** These options with another bound on requests in flight. */
  public RequestOptions withMaxInFlight(int maxInFlight) {
    return new RequestOptions(idField, resultField, errorField, timeout, maxInFlight);
  }
}
