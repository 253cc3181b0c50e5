package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This checkout: the nearest directory holding {@code .git} (a directory, or a worktree's file), else the working
 * directory; a path lies in it below its root or its compose project directory, unless another checkout lies between.
 */
class CheckoutTest {

    @TempDir
    Path root;

    @Test
    void theRootIsTheNearestDirectoryHoldingGitAndTheProjectDirectoryIsKeptNormalised() throws IOException {
        Path repository = Files.createDirectories(root.resolve("repo"));
        Files.writeString(repository.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/repo\n");
        Path tests = Files.createDirectories(repository.resolve("tests/unit"));
        Checkout checkout = Checkout.of(tests, Optional.of(repository.resolve("tests/../infra")));
        assertThat(checkout).isEqualTo(new Checkout(repository, Optional.of(repository.resolve("infra"))));
    }

    @Test
    void withoutGitAnywhereAboveTheWorkingDirectoryIsTheRoot() throws IOException {
        Path tests = Files.createDirectories(root.resolve("tests"));
        Checkout checkout = Checkout.of(tests.resolve("."), Optional.of(root.resolve("infra/.")));
        assertThat(checkout).isEqualTo(new Checkout(tests, Optional.of(root.resolve("infra"))));
        assertThat(Checkout.of(tests, Optional.empty())).isEqualTo(new Checkout(tests, Optional.empty()));
    }

    @Test
    void aPathBelowTheRootOrTheProjectDirectoryIsInItAndOneElsewhereIsNot() throws IOException {
        Path repository = Files.createDirectories(root.resolve("repo"));
        Files.createDirectories(repository.resolve(".git"));
        Path infra = root.resolve("infra");
        Checkout checkout = Checkout.of(repository, Optional.of(infra));
        assertThat(checkout.contains(repository)).isTrue();
        assertThat(checkout.contains(repository.resolve("app/compose.yaml"))).isTrue();
        assertThat(checkout.contains(infra.resolve("compose.yaml"))).isTrue();
        assertThat(checkout.contains(root.resolve("other/compose.yaml"))).isFalse();
        assertThat(checkout.contains(root.resolve("repo-copy/compose.yaml"))).isFalse();
    }

    @Test
    void aRepositoryNestedInOursOrInTheProjectDirectoryIsAnotherCheckout() throws IOException {
        Path repository = Files.createDirectories(root.resolve("repo"));
        Files.createDirectories(repository.resolve(".git"));
        Path nested = Files.createDirectories(repository.resolve("vendor/lib"));
        Files.createDirectories(nested.resolve(".git"));
        Path infra = Files.createDirectories(root.resolve("infra"));
        Path nestedInInfra = Files.createDirectories(infra.resolve("sub"));
        Files.writeString(nestedInInfra.resolve(".git"), "gitdir: x\n");
        Checkout checkout = Checkout.of(repository, Optional.of(infra));
        assertThat(checkout.contains(nested.resolve("compose.yaml"))).isFalse();
        assertThat(checkout.contains(nested)).isFalse();
        assertThat(checkout.contains(repository.resolve("vendor/compose.yaml"))).isTrue();
        assertThat(checkout.contains(nestedInInfra.resolve("compose.yaml"))).isFalse();
        assertThat(checkout.contains(infra.resolve("compose.yaml"))).isTrue();
    }

    @Test
    void aNestedCheckoutIsLookedForAtMostSixtyFourDirectoriesUp() throws IOException {
        Path repository = Files.createDirectories(root.resolve("repo"));
        Files.createDirectories(repository.resolve(".git"));
        Path nested = Files.createDirectories(repository.resolve("nested"));
        Files.createDirectories(nested.resolve(".git"));
        Checkout checkout = Checkout.of(repository, Optional.empty());
        assertThat(checkout.contains(nested.resolve("d/".repeat(63)))).isFalse();
        assertThat(checkout.contains(nested.resolve("d/".repeat(64)))).isTrue();
    }
}
