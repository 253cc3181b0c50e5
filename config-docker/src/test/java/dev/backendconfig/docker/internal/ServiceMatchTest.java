package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.Service;
import dev.backendconfig.docker.internal.DockerConfig.ServiceTarget;
import dev.backendconfig.docker.internal.ServiceMatch.Candidate;
import dev.backendconfig.docker.internal.ServiceMatch.Outcome;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which compose service of one project is a service's: the one its setting names, else exactly its name, else
 * exactly its network alias, for the backend alone else the one service publishing its container port; never a name
 * that merely contains it, which only becomes a "did you mean" (a database-looking service offered last).
 */
class ServiceMatchTest {

    private static final ServiceTarget BACKEND = new ServiceTarget(new Service("backend", true), "", 0, "");
    private static final ServiceTarget AUTH = new ServiceTarget(new Service("auth", true), "", 0, "");

    private static Candidate service(String name, Integer... ports) {
        return new Candidate(name, Set.of(), List.of(ports), "");
    }

    private static Candidate aliased(String name, String... aliases) {
        return new Candidate(name, Set.of(aliases), List.of(), "");
    }

    private static Candidate database(String name, String why) {
        return new Candidate(name, Set.of(), List.of(), why);
    }

    private static Outcome choose(ServiceTarget target, Candidate... candidates) {
        return ServiceMatch.choose(target, List.of(candidates), Set.of(), "project shop");
    }

    @Test
    void theComposeServiceASettingNamesIsChosenEvenWhenAnotherHasTheServicesName() {
        ServiceTarget named = new ServiceTarget(new Service("auth", true), "login", 0, "");
        assertThat(choose(named, service("auth"), service("login")))
                .isEqualTo(new Outcome.Chosen("login", "setting services.auth.docker.service names it"));
    }

    @Test
    void aSettingNamingNoComposeServiceIsNoneWithItsNearSpellingAndTheProjectsServices() {
        ServiceTarget named = new ServiceTarget(new Service("backend", true), "apii", 0, "");
        assertThat(choose(named, service("api"), service("web"))).isEqualTo(new Outcome.None("project shop has no"
                + " compose service apii (setting docker.service); did you mean docker.service=api?; its services:"
                + " api, web"));
        ServiceTarget farOff = new ServiceTarget(new Service("auth", true), "payments", 0, "");
        assertThat(choose(farOff, service("login"))).isEqualTo(new Outcome.None("project shop has no compose service"
                + " payments (setting services.auth.docker.service); its services: login"));
    }

    @Test
    void theComposeServiceOfExactlyTheServicesNameIsChosenBeforeAnAliasOrAPort() {
        assertThat(choose(AUTH, aliased("login", "auth"), service("auth")))
                .isEqualTo(new Outcome.Chosen("auth", "its name"));
        assertThat(choose(BACKEND, service("api", 8000), service("backend", 9000)))
                .isEqualTo(new Outcome.Chosen("backend", "its name"));
    }

    @Test
    void theOneServiceWhoseNetworkAliasIsExactlyTheNameIsChosenAndTwoAreAmbiguous() {
        assertThat(choose(AUTH, aliased("login", "auth"), aliased("web", "authx")))
                .isEqualTo(new Outcome.Chosen("login", "its network alias is auth"));
        assertThat(choose(AUTH, aliased("sso", "auth"), aliased("login", "auth"), service("web")))
                .isEqualTo(new Outcome.Ambiguous(List.of("login", "sso"), "have network alias auth"));
    }

    @Test
    void theBackendIsTheOneServicePublishingItsContainerPortAndTwoAreAmbiguous() {
        assertThat(choose(BACKEND, service("api", 8000), service("web", 3000))).isEqualTo(new Outcome.Chosen("api",
                "it is the one service publishing container port 8000 and none is named backend"));
        ServiceTarget onPort9000 = new ServiceTarget(new Service("backend", true), "", 9000, "");
        assertThat(choose(onPort9000, service("api", 8000), service("web", 9000))).isEqualTo(new Outcome.Chosen(
                "web", "it is the one service publishing container port 9000 and none is named backend"));
        assertThat(choose(BACKEND, service("web", 8000), service("api", 8000)))
                .isEqualTo(new Outcome.Ambiguous(List.of("api", "web"), "publish container port 8000"));
    }

    @Test
    void anotherServiceIsNeverChosenByThePortItPublishes() {
        ServiceTarget onPort8000 = new ServiceTarget(new Service("auth", true), "", 8000, "");
        assertThat(choose(onPort8000, service("login", 8000))).isEqualTo(new Outcome.None("project shop has no"
                + " compose service named auth or with network alias auth; did you mean services.auth.docker.service"
                + "=login?; its services: login"));
    }

    @Test
    void noMatchSaysWhatWasLookedForIncludingTheBackendsPortAndListsTheServices() {
        ServiceTarget onPort9000 = new ServiceTarget(new Service("backend", true), "", 9000, "");
        assertThat(ServiceMatch.choose(onPort9000, List.of(service("db", 5432)), Set.of("db"), "project shop"))
                .isEqualTo(new Outcome.None("project shop has no compose service named backend or with network alias"
                        + " backend, and none publishes container port 9000; its services: db"));
        assertThat(ServiceMatch.choose(BACKEND, List.of(), Set.of(), "project shop")).isEqualTo(new Outcome.None(
                "project shop has no compose service named backend or with network alias backend, and none publishes"
                        + " container port 8000; its services: none"));
    }

    @Test
    void aNearSpellingOfADeclaredServiceIsOfferedAsTheNameToDeclareOrTheSettingToSet() {
        ServiceTarget fronted = new ServiceTarget(new Service("fronted", true), "", 0, "");
        assertThat(ServiceMatch.suggestion(fronted, List.of(service("frontend"), service("auth")), Set.of()))
                .isEqualTo("; did you mean frontend? (name the service frontend in setting services, or set"
                        + " services.fronted.docker.service=frontend)");
        // a compose name that no service could be called can only be set
        assertThat(ServiceMatch.suggestion(fronted, List.of(service("front_end")), Set.of()))
                .isEqualTo("; did you mean services.fronted.docker.service=front_end?");
        // the backend's name is fixed: only the setting can say it
        ServiceTarget backend = new ServiceTarget(new Service("backend", true), "", 0, "");
        assertThat(ServiceMatch.suggestion(backend, List.of(service("backen")), Set.of()))
                .isEqualTo("; did you mean docker.service=backen?");
    }

    @Test
    void withoutANearSpellingARelatedNameIsOfferedBeforeAnUnrelatedOneAndNeverAClaimedOne() {
        assertThat(ServiceMatch.suggestion(AUTH, List.of(service("web"), service("auth-service")), Set.of()))
                .isEqualTo("; did you mean services.auth.docker.service=auth-service?");
        // a name contained in the service's
        ServiceTarget payments = new ServiceTarget(new Service("payments-api", true), "", 0, "");
        assertThat(ServiceMatch.suggestion(payments, List.of(service("web"), service("pay")), Set.of()))
                .isEqualTo("; did you mean services.payments-api.docker.service=pay?");
        // a name written in capitals contains it too
        assertThat(ServiceMatch.suggestion(AUTH, List.of(service("web"), service("MyAuthService")), Set.of()))
                .isEqualTo("; did you mean services.auth.docker.service=MyAuthService?");
        // an alias that contains it
        assertThat(ServiceMatch.suggestion(AUTH, List.of(aliased("web", "www"), aliased("login", "Xauthentication")),
                Set.of())).isEqualTo("; did you mean services.auth.docker.service=login?");
        assertThat(ServiceMatch.suggestion(AUTH, List.of(service("web"), service("auth-service")),
                Set.of("auth-service"))).isEqualTo("; did you mean services.auth.docker.service=web?");
        assertThat(ServiceMatch.suggestion(AUTH, List.of(service("web")), Set.of("web"))).isEmpty();
    }

    @Test
    void aServiceThatLooksLikeADatabaseIsOfferedOnlyAfterEveryOtherAndSaidToLookLikeOne() {
        assertThat(ServiceMatch.suggestion(AUTH, List.of(database("auth-db", "image postgres:16"), service("web")),
                Set.of())).isEqualTo("; did you mean services.auth.docker.service=web? (auth-db looks like a database"
                        + " (image postgres:16))");
        assertThat(ServiceMatch.suggestion(AUTH, List.of(database("auth-db", "image postgres:16"),
                database("cache", "port 6379 (Redis)")), Set.of()))
                .isEqualTo("; did you mean services.auth.docker.service=auth-db?");
    }

    @Test
    void theProjectsServicesAreListedSortedAndAtMostTen() {
        List<Candidate> twelve = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> service("s" + (char)
                ('a' + 12 - i) + "x")).toList();
        assertThat(ServiceMatch.choose(AUTH, twelve, Set.of(), "project shop")).isEqualTo(new Outcome.None(
                "project shop has no compose service named auth or with network alias auth; did you mean"
                        + " services.auth.docker.service=slx?; its services: sax, sbx, scx, sdx, sex, sfx, sgx, shx,"
                        + " six, sjx, and 2 more"));
    }
}
