package dev.backendconfig.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class MaskedThrowableTest {

    @Test
    void nothingThrownHasNoCopy() {
        assertThat(MaskedThrowable.of(null)).isNull();
    }

    @Test
    void theCopyKeepsTheClassNameAndStackTraceAndMasksTheMessageOnOneLine() {
        IOException original = new IOException("GET http://admin:s3cr3t@db:5432/x\nfailed");
        MaskedThrowable copy = (MaskedThrowable) MaskedThrowable.of(original);
        assertThat(copy.originalClass()).isEqualTo("java.io.IOException");
        assertThat(copy.getMessage()).isEqualTo("GET http://***@db:5432/x\\nfailed");
        assertThat(copy).hasToString("java.io.IOException: GET http://***@db:5432/x\\nfailed");
        assertThat(copy.getStackTrace()).isNotEmpty().containsExactly(original.getStackTrace());
    }

    @Test
    void aThrowableWithoutMessageReadsAsItsClassName() {
        Throwable copy = MaskedThrowable.of(new IllegalStateException());
        assertThat(copy.getMessage()).isNull();
        assertThat(copy).hasToString("java.lang.IllegalStateException");
    }

    @Test
    void causesAndSuppressedExceptionsAreMaskedCopiesToo() {
        IOException cause = new IOException("password=s3cr3t");
        IllegalStateException original = new IllegalStateException("outer", cause);
        original.addSuppressed(new UncheckedIOException("token: s3cr3t", new IOException()));
        Throwable copy = MaskedThrowable.of(original);
        assertThat(copy.getCause()).isInstanceOf(MaskedThrowable.class)
                .hasToString("java.io.IOException: password=***");
        assertThat(copy.getCause().getStackTrace()).containsExactly(cause.getStackTrace());
        assertThat(copy.getSuppressed()).singleElement()
                .hasToString("java.io.UncheckedIOException: token: ***")
                .extracting(Throwable::getCause).hasToString("java.io.IOException");
    }

    @Test
    void aLongCauseChainIsCopiedThirtyTwoCausesDeep() {
        Throwable original = new IllegalStateException("cause 40");
        for (int i = 39; i >= 0; i--) {
            original = new IllegalStateException("cause " + i, original);
        }
        Throwable copy = MaskedThrowable.of(original);
        int causes = 0;
        while (copy.getCause() != null) {
            copy = copy.getCause();
            causes++;
        }
        assertThat(causes).isEqualTo(32);
        assertThat(copy).hasToString("java.lang.IllegalStateException: cause 32");
    }

    @Test
    void aLongChainOfSuppressedExceptionsIsCopiedThirtyTwoDeep() {
        Throwable original = new IllegalStateException("level 0");
        Throwable deepest = original;
        for (int i = 1; i <= 40; i++) {
            Throwable next = new IllegalStateException("level " + i);
            deepest.addSuppressed(next);
            deepest = next;
        }
        Throwable copy = MaskedThrowable.of(original);
        int levels = 0;
        while (copy.getSuppressed().length > 0) {
            copy = copy.getSuppressed()[0];
            levels++;
        }
        assertThat(levels).isEqualTo(32);
    }

    @Test
    void aThrowableMetTwiceIsCopiedOnce() {
        IllegalStateException original = new IllegalStateException("outer");
        IOException shared = new IOException("shared");
        original.initCause(shared);
        original.addSuppressed(shared);
        shared.addSuppressed(original);
        Throwable copy = MaskedThrowable.of(original);
        assertThat(copy.getCause()).hasToString("java.io.IOException: shared");
        assertThat(copy.getSuppressed()).isEmpty();
        assertThat(copy.getCause().getSuppressed()).isEmpty();
    }
}
