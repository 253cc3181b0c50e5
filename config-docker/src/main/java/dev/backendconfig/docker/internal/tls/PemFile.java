package dev.backendconfig.docker.internal.tls;

import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One PEM file of TLS material ({@code ca.pem}, {@code cert.pem}, {@code key.pem}), read as the blocks between its
 * {@code -----BEGIN X-----} and {@code -----END X-----} lines. Text outside the blocks (openssl's "Bag Attributes",
 * comments) is ignored. Every problem is an {@link InvalidInputException} naming the file and what it
 * is for, and never a byte of what the file holds: a key file is a secret.
 *
 * @param file the file
 * @param role what the file is for, for messages: {@code "the CA certificate (DOCKER_CERT_PATH)"}
 * @param blocks its PEM blocks, in file order
 */
record PemFile(Path file, String role, List<Block> blocks) {

    /** The largest TLS file read: a CA bundle of a few hundred certificates. */
    static final int MAX_BYTES = 1024 * 1024;

    private static final ConfigurationFiles.Limit LIMIT = new ConfigurationFiles.Limit(MAX_BYTES,
            "not configurable: no PEM file of TLS material is larger");

    /**
     * One PEM block.
     *
     * @param label the word(s) after BEGIN, for example {@code RSA PRIVATE KEY}
     * @param headers RFC 1421 headers before the base64 text ({@code Proc-Type}, {@code DEK-Info}), by name
     * @param der the decoded bytes
     * @param line the 1-based line of its BEGIN
     */
    record Block(String label, Map<String, String> headers, byte[] der, int line) {
    }

    /**
     * Read a PEM file, refusing a missing, unreadable, oversized or non-PEM one, and one that is not a regular file.
     * The bytes are read as every configuration file is ({@link ConfigurationFiles#readBytes}): at most
     * {@link #MAX_BYTES} of them, whatever size the file claims (a {@code /proc} file claims 0), within
     * {@link ConfigurationFiles#MAX_READ_TIME}, and ended by an interrupt of the reading thread.
     */
    static PemFile read(Path file, String role) {
        Origin origin = Origin.file(file.toString(), 0);
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(origin, role + " is a directory, not a PEM file");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException(origin, role + " does not exist");
        }
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(origin, role + " is larger than " + MAX_BYTES
                        + " bytes, which no PEM file of TLS material is");
            }
        } catch (IOException e) {
            // the read below names what is wrong with it
        }
        byte[] bytes = ConfigurationFiles.readBytes(file, role + " in PEM", LIMIT);
        return new PemFile(file, role, parse(new String(bytes, StandardCharsets.ISO_8859_1), origin, role));
    }

    private static List<Block> parse(String text, Origin origin, String role) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            if (!(line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16)) {
                i++;
                continue;
            }
            String label = line.substring(11, line.length() - 5);
            int begin = i + 1;
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            StringBuilder base64 = new StringBuilder();
            boolean ended = false;
            for (i = i + 1; i < lines.length; i++) {
                String inner = lines[i].strip();
                if (inner.equals("-----END " + label + "-----")) {
                    ended = true;
                    i++;
                    break;
                }
                if (inner.startsWith("-----")) {
                    break;
                }
                int colon = inner.indexOf(':');
                if (base64.length() == 0 && colon > 0) {
                    headers.put(inner.substring(0, colon).strip(), inner.substring(colon + 1).strip());
                } else {
                    base64.append(inner);
                }
            }
            if (!ended) {
                throw new InvalidInputException(Origin.file(origin.location(), begin), role + " is not"
                        + " valid PEM: its BEGIN " + printableLabel(label) + " block has no matching END line");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                der = null;
            }
            if (der == null || der.length == 0 || !base64.toString().matches("[A-Za-z0-9+/=\\s]*")) {
                throw new InvalidInputException(Origin.file(origin.location(), begin), role + " is not"
                        + " valid PEM: the base64 text of its BEGIN " + printableLabel(label) + " block is broken");
            }
            blocks.add(new Block(label, headers, der, begin));
        }
        if (blocks.isEmpty()) {
            throw new InvalidInputException(origin, role + " is not PEM: it has no -----BEGIN ...-----"
                    + " line");
        }
        return List.copyOf(blocks);
    }

    /** Return a label for a message: PEM labels are short upper-case words; anything else is not shown. */
    static String printableLabel(String label) {
        return label.matches("[A-Z0-9 ]{1,40}") ? label : "(an unusual label)";
    }

    /** Return the origin of a block of this file. */
    Origin origin(Block block) {
        return Origin.file(file.toString(), block.line());
    }

    /** Return the origin of the whole file. */
    Origin origin() {
        return Origin.file(file.toString(), 0);
    }
}
