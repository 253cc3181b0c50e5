package com.example.it;

import dev.backendconfig.junit.BackendTest;
import dev.backendconfig.junit.BackendUrl;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A fork of its own (reuseForks=false): the stack is found through the lease its first fork took. */
@BackendTest
class ForkTwoTest {

    @Test
    void theBackendAnswers(@BackendUrl("/health") URI health) throws Exception {
        Forks.reachAndAwaitTheOthers("Two", health);
    }
}
