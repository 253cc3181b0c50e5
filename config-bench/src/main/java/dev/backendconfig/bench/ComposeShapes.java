package dev.backendconfig.bench;

/**
 * Compose files of the costliest shapes found for issue 22 item 10, each filled to a size: what a fresh JVM spends
 * reading them is what {@link ComposeCost} measures.
 */
final class ComposeShapes {

    /** The shapes, costliest kinds first; {@code real} is a mailcow-like file for comparison. */
    enum Shape {
        /** Services with environment lists, volumes, labels, network aliases and interpolated ports. */
        REAL,
        /** Plain services, each with an image and one port. */
        SERVICES,
        /** Everything in one flow mapping on one line. */
        FLOW,
        /** Services merging a 999-entry mapping (100 times) and small inline mappings. */
        MERGES,
        /**
         * The catalogue's worst shape within the limits: a list of interpolated ports aliased by 100 services (as many
         * values as the limit allows), then services whose image is interpolated 19 deep and whose ports are written
         * both ways.
         */
        WORST,
        /** The same with 1000 aliased ports: the shape that cost 3.5-5 s at 2 MiB. */
        WORST_1000
    }

    private ComposeShapes() {
    }

    /** Return a compose file of the shape, at most {@code bytes} bytes (a service named backend publishes 8000). */
    static String generate(Shape shape, int bytes) {
        StringBuilder text = new StringBuilder();
        int limit = bytes - 64;
        switch (shape) {
            case REAL -> {
                text.append("services:\n  backend:\n    image: x\n    ports: [\"45678:8000\"]\n");
                for (int i = 0; append(text, real(i), limit); i++) {
                    // filled
                }
            }
            case SERVICES -> {
                text.append("services:\n  backend:\n    image: x\n    ports: [\"45678:8000\"]\n");
                for (int i = 0; append(text, "  s" + i + ":\n    image: x\n    ports: [\"" + (1 + i % 60000)
                        + ":8000\"]\n", limit); i++) {
                    // filled
                }
            }
            case FLOW -> {
                text.append("services: {backend: {image: x, ports: [\"45678:8000\"]}");
                for (int i = 0; append(text, ", s" + i + ": {image: x, ports: [\"" + (1 + i % 60000) + ":80\"]}",
                        limit - 2); i++) {
                    // filled
                }
                text.append("}\n");
            }
            case MERGES -> {
                text.append("x-env: &env\n");
                for (int i = 0; i < 999; i++) {
                    text.append("  K").append(i).append(": v").append(i).append('\n');
                }
                text.append("services:\n  backend:\n    image: x\n    ports: [\"45678:8000\"]\n");
                for (int i = 0; i < 99 && append(text, "  m" + i + ":\n    image: x\n    environment:\n      <<: *env\n",
                        limit); i++) {
                    // filled
                }
                for (int i = 0; append(text, "  s" + i + ":\n    <<: {image: x, restart: always}\n    environment: {<<:"
                        + " {A: b}, C: d}\n    ports: [\"" + (1 + i % 60000) + ":80\"]\n", limit); i++) {
                    // filled
                }
            }
            case WORST, WORST_1000 -> worst(text, shape == Shape.WORST ? Math.max(1, bytes / 8 / 100 - 22) : 1000,
                    limit);
        }
        return text.toString();
    }

    private static void worst(StringBuilder text, int aliasedPorts, int limit) {
        text.append("x-ports: &ports\n");
        for (int i = 0; i < aliasedPorts; i++) {
            text.append("  - \"127.0.0.1:${PORT_").append(i).append(":-").append(20000 + i % 40000).append("}:")
                    .append(8000 + i % 1000).append("/tcp\"\n");
        }
        text.append("x-image: &image \"${REGISTRY:-${MIRROR:-${CACHE:-registry.example.test}}}/app:${TAG:-latest}\"\n")
                .append("services:\n  backend:\n    image: *image\n    ports: [\"45678:8000\"]\n");
        for (int i = 0; i < 99; i++) {
            text.append("  alias").append(i).append(":\n    image: *image\n    ports: *ports\n");
        }
        String deep = "${V0:-${V1:-${V2:-${V3:-${V4:-${V5:-${V6:-${V7:-${V8:-${V9:-${V10:-${V11:-${V12:-${V13:-${V14:-"
                + "${V15:-${V16:-${V17:-${V18:-x" + "}".repeat(19);
        for (int i = 0; append(text, "  s" + i + ":\n    image: \"" + deep + i + "\"\n    container_name: c" + i
                + "\n    ports:\n      - \"" + (1 + i % 60000) + ":80\"\n      - target: 81\n        published: \"${P" + i
                + ":-" + (1 + (i + 7) % 60000) + "}\"\n", limit); i++) {
            // filled
        }
    }

    private static String real(int i) {
        StringBuilder service = new StringBuilder("  app").append(i).append("-mailcow:\n    image: mailcow/app")
                .append(i).append(":1.85\n    depends_on:\n      - db\n    dns:\n      - ${IPV4_NETWORK:-172.22.1}.254\n"
                        + "    environment:\n");
        for (int j = 0; j < 15; j++) {
            service.append("      - VAR_").append(j).append("=${VAR_").append(j).append(":-default}\n");
        }
        service.append("    volumes:\n");
        for (int j = 0; j < 8; j++) {
            service.append("      - ./data/conf/app").append(j).append(":/etc/app").append(j).append(":ro,z\n");
        }
        return service.append("    labels:\n      ofelia.enabled: \"true\"\n    ports:\n      - \"${APP").append(i)
                .append("_PORT:-127.0.0.1:").append(10000 + i % 50000).append("}:8080\"\n    restart: always\n"
                        + "    networks:\n      default:\n        aliases:\n          - app").append(i).append("\n\n")
                .toString();
    }

    /** Append {@code part} when the text stays within {@code limit} characters; tell whether it did. */
    private static boolean append(StringBuilder text, String part, int limit) {
        if (text.length() + part.length() > limit) {
            return false;
        }
        text.append(part);
        return true;
    }
}
