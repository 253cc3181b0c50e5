package dev.backendconfig.testsupport;

/** The compose file of the situation the library was built for, as tests write it into a temporary repository. */
public final class AlpineStack {

    /**
     * {@code docker/docker-compose.alpine-test.yml}: service {@code alpine-test-backend} publishes container port
     * 8000 on host port {@code ${ALPINE_TEST_BACKEND_PORT:-8002}}; its ports entry is on line 6.
     */
    public static final String COMPOSE_FILE = """
            services:
              alpine-test-backend:
                image: backend-config-it/backend:latest
                container_name: alpine-test-backend
                ports:
                  - "${ALPINE_TEST_BACKEND_PORT:-8002}:8000"
                networks:
                  default:
                    aliases:
                      - backend
                healthcheck:
                  test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/health"]
                  interval: 1s
                  timeout: 2s
                  retries: 3
            """;

    /** The line of the ports entry in {@link #COMPOSE_FILE}. */
    public static final int PORTS_LINE = 6;

    /**
     * {@link #COMPOSE_FILE} without its fixed {@code container_name}, for the real-Docker tests: a copy of it can run
     * beside the example stack, which holds that name, and beside another run of the same tests. Its ports entry is
     * on line {@link #UNNAMED_PORTS_LINE}.
     */
    public static final String UNNAMED_COMPOSE_FILE = COMPOSE_FILE.replace("    container_name: alpine-test-backend\n", "");

    /** The line of the ports entry in {@link #UNNAMED_COMPOSE_FILE}. */
    public static final int UNNAMED_PORTS_LINE = PORTS_LINE - 1;

    private AlpineStack() {
    }
}
