package dev.backendconfig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON document is RFC 8259: every kind of value, and text with every character that must be escaped. */
class JsonWriterTest {

    @Test
    void writesEveryKindOfValue() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("text", "a");
        document.put("flag", true);
        document.put("int", 7);
        document.put("long", 8_000_000_000L);
        document.put("decimal", new BigDecimal("1.50"));
        document.put("none", null);
        document.put("list", Arrays.asList(1, "b", null));
        document.put("empty", Map.of());
        assertThat(JsonWriter.write(document)).isEqualTo("{\"text\":\"a\",\"flag\":true,\"int\":7,\"long\":8000000000,"
                + "\"decimal\":1.50,\"none\":null,\"list\":[1,\"b\",null],\"empty\":{}}");
        assertThat(JsonWriter.write(List.of())).isEqualTo("[]");
    }

    @Test
    void escapesQuotesBackslashesAndControlAndLineSeparatorCharacters() {
        assertThat(JsonWriter.write("q\" b\\ n\n r\r t\t nul\u0000 us\u001f del\u007f ls\u2028 ps\u2029 sp~é"))
                .isEqualTo("\"q\\\" b\\\\ n\\n r\\r t\\t nul\\u0000 us\\u001f del\\u007f ls\\u2028 ps\\u2029 sp~é\"");
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> JsonWriter.write(1.5d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write a java.lang.Double as JSON");
    }
}
