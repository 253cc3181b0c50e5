package dev.backendconfig.bench;

/** Child JVM, the floor of the CLI's whole process: a bare JVM that prints one line. */
public final class OneLine {

    private OneLine() {
    }

    public static void main(String[] arguments) {
        System.out.println("BACKEND_URL=http://localhost:8002");
    }
}
