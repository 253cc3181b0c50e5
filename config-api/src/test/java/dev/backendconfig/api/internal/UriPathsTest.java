package dev.backendconfig.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Joining a path onto a base URL: the cases ServiceEndpointTest's table of URI rules leaves out. */
class UriPathsTest {

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
        "ws://h/ws, chat/, ws://h/ws/chat/",
        "ws://h/ws, ws/, ws://h/ws/",
        "ws://h/ws/, ws/chat/, ws://h/ws/chat/",
        "http://h, a/b, http://h/a/b",
        "http://h/a/b/c, b/c/d, http://h/a/b/c/d",
        "http://h/x/a, a/a, http://h/x/a/a",
        "ws://h/ws?v=2, ?v=3, ws://h/ws?v=3",
        "ws://h/ws?v=2, /other, ws://h/other?v=2",
        "http://u:p@h:8002/api, health, http://u:p@h:8002/api/health",
    })
    void joinsTrailingSlashesQueriesAndPartialOverlaps(String base, String path, String expected) {
        assertThat(UriPaths.join(URI.create(base), path)).isEqualTo(URI.create(expected));
    }

    @Test
    void noPathGivesTheBaseAsItIs() {
        URI base = URI.create("ws://h:8002/ws?v=2");
        assertThat(UriPaths.join(base, null)).isSameAs(base);
        assertThat(UriPaths.join(base, "")).isSameAs(base);
    }

    @Test
    void aNetworkPathIsRefusedLikeAWholeUrl() {
        assertThatThrownBy(() -> UriPaths.join(URI.create("http://h"), "//other/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected a path such as /ws/chat or chat, got"
                        + " an absolute URL; use that URL directly instead of joining it");
    }

    @Test
    void aPathThatCannotBePartOfAUrlIsRefusedWithoutQuotingTheUrlOrItsPassword() {
        assertThatThrownBy(() -> UriPaths.join(URI.create("http://e2e:hunter2@h:8002/api"), "a b"))
                .isInstanceOf(IllegalArgumentException.class).hasNoCause()
                .hasMessage("expected a path such as /ws/chat, got one that cannot be part of a URL (Illegal character"
                        + " in path at index 31: <joined URL>)");
    }
}
