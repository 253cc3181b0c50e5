package dev.backendconfig.docker.internal.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The little DER (ASN.1 distinguished encoding) that reading private keys needs: walk the elements of a
 * {@code SEQUENCE}, read an {@code INTEGER}, an {@code OCTET STRING}, an {@code OBJECT IDENTIFIER} or a context tag,
 * and write a {@code SEQUENCE} around elements. Definite lengths only, every length checked against what is left, so
 * that a broken or hostile file ends in a {@link DerException} and never in an exception of the JDK's.
 */
final class Der {

    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int BIT_STRING = 0x03;

    /** The bytes are not the DER expected; the message says what was wrong, never what the bytes hold. */
    static final class DerException extends Exception {
        private static final long serialVersionUID = 1L;

        DerException(String message) {
            super(message);
        }
    }

    /**
     * One element: its tag, and where its contents lie in {@code bytes}.
     *
     * @param tag the tag byte
     * @param bytes the buffer the element is in
     * @param start the first byte of the whole element (its tag)
     * @param contentStart the first byte of its contents
     * @param end one past its last byte
     */
    record Element(int tag, byte[] bytes, int start, int contentStart, int end) {

        /** Return the contents. */
        byte[] content() {
            return Arrays.copyOfRange(bytes, contentStart, end);
        }

        /** Return the whole element, tag and length included. */
        byte[] encoded() {
            return Arrays.copyOfRange(bytes, start, end);
        }

        /** Return a reader over the contents of this constructed element. */
        Reader children() {
            return new Reader(bytes, contentStart, end);
        }

        /** Return the contents of an INTEGER as a small non-negative number. */
        int smallInteger() throws DerException {
            expect(INTEGER, "an INTEGER");
            int length = end - contentStart;
            if (length < 1 || length > 4) {
                throw new DerException("expected a small INTEGER, got one of " + length + " bytes");
            }
            int value = 0;
            for (int i = contentStart; i < end; i++) {
                value = (value << 8) | (bytes[i] & 0xFF);
            }
            return value;
        }

        /** Return an OBJECT IDENTIFIER in dotted form, for example {@code 1.2.840.10045.2.1}. */
        String oid() throws DerException {
            expect(OBJECT_IDENTIFIER, "an OBJECT IDENTIFIER");
            if (end == contentStart || end - contentStart > 64) {
                throw new DerException("an OBJECT IDENTIFIER of " + (end - contentStart) + " bytes");
            }
            StringBuilder dotted = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = contentStart; i < end; i++) {
                value = (value << 7) | (bytes[i] & 0x7F);
                if (value > Integer.MAX_VALUE) {
                    throw new DerException("an OBJECT IDENTIFIER with an arc that is too large");
                }
                if ((bytes[i] & 0x80) == 0) {
                    if (first) {
                        int top = (int) Math.min(2, value / 40);
                        dotted.append(top).append('.').append(value - top * 40L);
                        first = false;
                    } else {
                        dotted.append('.').append(value);
                    }
                    value = 0;
                } else if (i == end - 1) {
                    throw new DerException("an OBJECT IDENTIFIER that ends in the middle of an arc");
                }
            }
            return dotted.toString();
        }

        /** Check the tag. */
        Element expect(int expectedTag, String what) throws DerException {
            if (tag != expectedTag) {
                throw new DerException("expected " + what + ", got tag 0x" + Integer.toHexString(tag));
            }
            return this;
        }
    }

    /** Reads the elements between two offsets of a buffer, one after the other. */
    static final class Reader {
        private final byte[] bytes;
        private int position;
        private final int end;

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        /** Return a reader over a whole buffer. */
        static Reader of(byte[] bytes) {
            return new Reader(bytes, 0, bytes.length);
        }

        /** Tell whether elements are left. */
        boolean hasMore() {
            return position < end;
        }

        /** Read the next element. */
        Element next() throws DerException {
            int start = position;
            if (end - position < 2) {
                throw new DerException("the data ends where an element was expected");
            }
            int tag = bytes[position++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new DerException("a multi-byte tag, which keys never use");
            }
            int first = bytes[position++] & 0xFF;
            long length;
            if (first < 0x80) {
                length = first;
            } else if (first == 0x80) {
                throw new DerException("an indefinite length, which DER does not allow");
            } else {
                int count = first & 0x7F;
                if (count > 4 || end - position < count) {
                    throw new DerException("a length of " + count + " bytes, beyond what the data holds");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[position++] & 0xFF);
                }
            }
            if (length > end - position) {
                throw new DerException("an element of " + length + " bytes where only " + (end - position) + " are left");
            }
            int contentStart = position;
            position += (int) length;
            return new Element(tag, bytes, start, contentStart, position);
        }

        /** Read the next element and check its tag. */
        Element next(int tag, String what) throws DerException {
            return next().expect(tag, what);
        }
    }

    private Der() {
    }

    /** Return an element with this tag around these contents. */
    static byte[] element(int tag, byte[]... contents) {
        int length = 0;
        for (byte[] content : contents) {
            length += content.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xFF);
            out.write(length & 0xFF);
        }
        for (byte[] content : contents) {
            out.writeBytes(content);
        }
        return out.toByteArray();
    }

    /** Return a SEQUENCE of these encoded elements. */
    static byte[] sequence(byte[]... elements) {
        return element(SEQUENCE, elements);
    }

    /** Return the encoding of a dotted OBJECT IDENTIFIER. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeArc(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeArc(content, Long.parseLong(arcs[i]));
        }
        return element(OBJECT_IDENTIFIER, content.toByteArray());
    }

    private static void writeArc(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long rest = value >> 7; rest > 0; rest >>= 7) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) ((value >> (7 * i)) & 0x7F);
            out.write(i == 0 ? group : group | 0x80);
        }
    }
}
