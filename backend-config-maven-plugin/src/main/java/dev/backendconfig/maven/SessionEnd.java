package dev.backendconfig.maven;

import dev.backendconfig.api.spi.RunScope;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;

/**
 * Give back what the build held (the stack's lease {@code start} took) when the build's session ends, even when
 * {@code stop} never ran: a module that failed before {@code post-integration-test} (Failsafe's forked JVM crashed, a
 * later module of the reactor did not compile). The JVM's own shutdown hook comes too late for that: by then Maven has
 * closed this plugin's class loader, and stopping the stack fails with {@code NoClassDefFoundError}, leaving it up.
 *
 * <p>Maven asks the request for its execution listener at each event, so this one, put in front of the build's own
 * (which it passes every event to), hears {@code sessionEnded} while the plugin's classes still load. After a
 * {@code stop} that gave the lease back there is nothing left to give, and nothing happens.
 */
final class SessionEnd implements ExecutionListener {

    private final ExecutionListener build;

    private SessionEnd(ExecutionListener build) {
        this.build = build;
    }

    /** Put a listener in front of the session's own, once per build. */
    static void listen(MavenSession session) {
        MavenExecutionRequest request = session.getRequest();
        synchronized (request) {
            ExecutionListener current = request.getExecutionListener();
            if (!(current instanceof SessionEnd)) {
                request.setExecutionListener(new SessionEnd(current));
            }
        }
    }

    @Override
    public void sessionEnded(ExecutionEvent event) {
        try {
            RunScope.jvm().close();
        } finally {
            if (build != null) {
                build.sessionEnded(event);
            }
        }
    }

    @Override
    public void projectDiscoveryStarted(ExecutionEvent event) {
        if (build != null) {
            build.projectDiscoveryStarted(event);
        }
    }

    @Override
    public void sessionStarted(ExecutionEvent event) {
        if (build != null) {
            build.sessionStarted(event);
        }
    }

    @Override
    public void projectSkipped(ExecutionEvent event) {
        if (build != null) {
            build.projectSkipped(event);
        }
    }

    @Override
    public void projectStarted(ExecutionEvent event) {
        if (build != null) {
            build.projectStarted(event);
        }
    }

    @Override
    public void projectSucceeded(ExecutionEvent event) {
        if (build != null) {
            build.projectSucceeded(event);
        }
    }

    @Override
    public void projectFailed(ExecutionEvent event) {
        if (build != null) {
            build.projectFailed(event);
        }
    }

    @Override
    public void mojoSkipped(ExecutionEvent event) {
        if (build != null) {
            build.mojoSkipped(event);
        }
    }

    @Override
    public void mojoStarted(ExecutionEvent event) {
        if (build != null) {
            build.mojoStarted(event);
        }
    }

    @Override
    public void mojoSucceeded(ExecutionEvent event) {
        if (build != null) {
            build.mojoSucceeded(event);
        }
    }

    @Override
    public void mojoFailed(ExecutionEvent event) {
        if (build != null) {
            build.mojoFailed(event);
        }
    }

    @Override
    public void forkStarted(ExecutionEvent event) {
        if (build != null) {
            build.forkStarted(event);
        }
    }

    @Override
    public void forkSucceeded(ExecutionEvent event) {
        if (build != null) {
            build.forkSucceeded(event);
        }
    }

    @Override
    public void forkFailed(ExecutionEvent event) {
        if (build != null) {
            build.forkFailed(event);
        }
    }

    @Override
    public void forkedProjectStarted(ExecutionEvent event) {
        if (build != null) {
            build.forkedProjectStarted(event);
        }
    }

    @Override
    public void forkedProjectSucceeded(ExecutionEvent event) {
        if (build != null) {
            build.forkedProjectSucceeded(event);
        }
    }

    @Override
    public void forkedProjectFailed(ExecutionEvent event) {
        if (build != null) {
            build.forkedProjectFailed(event);
        }
    }
}
