package io.wsnova.runtime.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing scan agrees with Jackson on every shape of message a route may meet. */
class JsonCodecFieldTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"type\":\"tick\",\"p\":1}                         | tick",
      "  { \"a\" : 1 , \"type\" : \"tick\" }               | tick",
      "{\"data\":{\"type\":\"inner\"},\"type\":\"outer\"}   | outer",
      "{\"data\":[{\"type\":\"x\"},\"]\"],\"type\":\"y\"}   | y",
      "{\"s\":\"a,}b\",\"type\":\"z\"}                      | z",
      "{\"op\":2,\"id\":42}                                | ",
      "{\"type\":12.5}                                     | 12.5",
      "{\"type\":true}                                     | true",
      "{\"type\":null}                                     | ",
      "{\"type\":{\"nested\":1}}                           | ",
      "{\"type\":[1,2]}                                    | ",
      "{\"other\":1}                                       | ",
      "{}                                                  | ",
      "not json                                            | ",
      "[{\"type\":\"tick\"}]                               | ",
      "{\"type\":\"ti\\\"ck\"}                             | ti\"ck",
      "{\"ty\\u0070e\":\"tick\"}                           | tick",
      "{\"note\":\"a\\\"b\",\"type\":\"after-escape\"}     | after-escape",
      "{\"type\":\"unterminated                            | ",
      "{\"types\":\"no\",\"typ\":\"no\"}                   | ",
  })
  void findsTopLevelScalarFields(String json, String expected) {
    String field = "type";
    assertThat(JsonCodec.field(json.trim(), field)).as(json).isEqualTo(expected);
    assertThat(JsonCodec.field(json.trim(), field)).as("same as Jackson for %s", json)
        .isEqualTo(JsonCodec.fieldByJackson(json.trim(), field));
  }
}
