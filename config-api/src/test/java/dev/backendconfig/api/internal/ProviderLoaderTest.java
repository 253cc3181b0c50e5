package dev.backendconfig.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.testing.ServiceFiles;
import dev.backendconfig.api.testing.ThrowingConstructorProvider;
import dev.backendconfig.testsupport.CountingProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderLoaderTest {

    @TempDir
    Path directory;

    @Test
    void aMissingClassAndAThrowingConstructorAreReportedAndTheOthersLoad() throws Exception {
        ClassLoader loader = ServiceFiles.loaderListing(directory,
                "# providers for this test",
                "com.example.DoesNotExist",
                ThrowingConstructorProvider.class.getName(),
                CountingProvider.class.getName());
        ProviderLoader.Loaded loaded = ProviderLoader.load(loader);
        assertThat(loaded.providers()).extracting(EndpointProvider::id).containsExactly("counting");
        assertThat(loaded.problems()).containsExactly(
                new ProviderLoader.Problem("com.example.DoesNotExist", "class not found (listed in"
                        + " META-INF/services/dev.backendconfig.api.spi.EndpointProvider but not on the classpath)"),
                new ProviderLoader.Problem(ThrowingConstructorProvider.class.getName(), "constructor threw"
                        + " IllegalStateException: optional dependency com.example.Missing is not on the classpath"));
    }

    @Test
    void aClassThatIsNotAProviderIsReported() throws Exception {
        String notAProvider = ServiceFiles.class.getName();
        ClassLoader loader = ServiceFiles.loaderListing(directory, notAProvider);
        assertThat(ProviderLoader.load(loader).problems()).singleElement()
                .isEqualTo(new ProviderLoader.Problem(notAProvider,
                        "does not implement dev.backendconfig.api.spi.EndpointProvider"));
    }

    @Test
    void brokenEntriesAppearInTheReportAsNotLoadedAndResolutionGoesOn() throws Exception {
        ClassLoader loader = ServiceFiles.loaderListing(directory, "com.example.DoesNotExist",
                CountingProvider.class.getName());
        Resolution resolution = ServiceResolver.create(loader).resolve(ResolutionContext.builder().build());
        assertThat(resolution.endpoint().source()).isEqualTo("counting");
        ResolutionReport.Line broken = resolution.report().line("com.example.DoesNotExist").orElseThrow();
        assertThat(broken.outcome()).isEqualTo(Outcome.NOT_LOADED);
        assertThat(resolution.report().render()).contains("  com.example.DoesNotExist    -  not loaded   class not found");
    }
}
