package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static Map<String, String> lookedFor(String... nameThenService) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < nameThenService.length; i += 2) {
            names.put(nameThenService[i], nameThenService[i + 1]);
        }
        return names;
    }

    @Test
    void aVariableMisspeltOutsideAnyServiceNameIsNamedWithTheOneMeant() {
        assertThat(Suggestions.misspeltVariable("TEST_BAKEND_URL", lookedFor("TEST_BACKEND_URL", "", "BACKEND_URL", "")))
                .contains("TEST_BAKEND_URL (did you mean TEST_BACKEND_URL?)");
        assertThat(Suggestions.misspeltVariable("TEST_AUTH_ULR", lookedFor("TEST_AUTH_URL", "auth")))
                .contains("TEST_AUTH_ULR (did you mean TEST_AUTH_URL?)");
    }

    /** The service's name may be the typo: the right variable is never the only one told to change. */
    @Test
    void aVariableThatDiffersWhereTheServiceNameIsWrittenOffersTheServiceFirst() {
        assertThat(Suggestions.misspeltVariable("STAGING_FRONTEND_URL", lookedFor("STAGING_FRONTED_URL", "fronted",
                "STAGING_FRONTED_WEBSOCKET_URL", "fronted")))
                .contains("STAGING_FRONTEND_URL (did you mean service frontend? setting services declares fronted; or"
                        + " else the variable STAGING_FRONTED_URL)");
        assertThat(Suggestions.misspeltVariable("TEST_PAYMENTS_APIS_URL", lookedFor("TEST_PAYMENTS_API_URL",
                "payments-api"))).contains("TEST_PAYMENTS_APIS_URL (did you mean service payments-apis? setting services"
                        + " declares payments-api; or else the variable TEST_PAYMENTS_API_URL)");
    }

    @Test
    void aVariableLookedForOrFarFromEveryNameHasNoHint() {
        assertThat(Suggestions.misspeltVariable("TEST_BACKEND_URL", lookedFor("TEST_BACKEND_URL", ""))).isEmpty();
        assertThat(Suggestions.misspeltVariable("STAGING_AUTH_URL", lookedFor("STAGING_BASE_URL", ""))).isEmpty();
        assertThat(Suggestions.misspeltVariable("HOME", lookedFor("TEST_BACKEND_URL", ""))).isEmpty();
    }
}
