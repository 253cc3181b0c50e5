package dev.backendconfig.docker.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The DER that reading private keys needs, at the edges of every length, tag and number it reads and writes. */
class DerTest {

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static Der.Element read(int... values) throws Der.DerException {
        return Der.Reader.of(bytes(values)).next();
    }

    @Test
    void anElementIsItsTagAndWhereItsContentsLie() throws Der.DerException {
        byte[] buffer = bytes(0x04, 0x02, 0xAB, 0xCD, 0x05, 0x00);
        Der.Reader reader = Der.Reader.of(buffer);
        assertThat(reader.hasMore()).isTrue();
        Der.Element octets = reader.next();
        assertThat(octets).isEqualTo(new Der.Element(0x04, buffer, 0, 2, 4));
        assertThat(octets.content()).containsExactly(0xAB, 0xCD);
        assertThat(octets.encoded()).containsExactly(0x04, 0x02, 0xAB, 0xCD);
        assertThat(reader.hasMore()).isTrue();
        Der.Element nothing = reader.next();
        assertThat(nothing).isEqualTo(new Der.Element(0x05, buffer, 4, 6, 6));
        assertThat(nothing.content()).isEmpty();
        assertThat(nothing.encoded()).containsExactly(0x05, 0x00);
        assertThat(reader.hasMore()).isFalse();
    }

    @Test
    void theChildrenOfAnElementEndWhereItEnds() throws Der.DerException {
        // SEQUENCE { INTEGER 7 } followed by INTEGER 9: the children reader sees only the 7
        byte[] buffer = bytes(0x30, 0x03, 0x02, 0x01, 0x07, 0x02, 0x01, 0x09);
        Der.Reader outer = Der.Reader.of(buffer);
        Der.Reader children = outer.next(Der.SEQUENCE, "a SEQUENCE").children();
        assertThat(children.next(Der.INTEGER, "an INTEGER").smallInteger()).isEqualTo(7);
        assertThat(children.hasMore()).isFalse();
        assertThatThrownBy(children::next).isInstanceOf(Der.DerException.class)
                .hasMessage("the data ends where an element was expected");
        assertThat(outer.next().smallInteger()).isEqualTo(9);
        assertThat(outer.hasMore()).isFalse();
    }

    @Test
    void theTagIsChecked() throws Der.DerException {
        assertThatThrownBy(() -> read(0x04, 0x00).expect(Der.INTEGER, "an INTEGER"))
                .isInstanceOf(Der.DerException.class).hasMessage("expected an INTEGER, got tag 0x4");
        assertThatThrownBy(() -> Der.Reader.of(bytes(0xA0, 0x00)).next(Der.SEQUENCE, "a SEQUENCE"))
                .hasMessage("expected a SEQUENCE, got tag 0xa0");
        Der.Element integer = read(0x02, 0x01, 0x05);
        assertThat(integer.expect(Der.INTEGER, "an INTEGER")).isSameAs(integer);
    }

    @Test
    void lengthsUpTo127AreOneByteLongerOnesSayHowManyBytesFollowUpToFour() throws Der.DerException {
        byte[] short127 = new byte[2 + 127];
        short127[0] = 0x04;
        short127[1] = 0x7F;
        assertThat(Der.Reader.of(short127).next()).isEqualTo(new Der.Element(0x04, short127, 0, 2, 129));
        byte[] long128 = new byte[3 + 128];
        long128[0] = 0x04;
        long128[1] = (byte) 0x81;
        long128[2] = (byte) 0x80;
        assertThat(Der.Reader.of(long128).next()).isEqualTo(new Der.Element(0x04, long128, 0, 3, 131));
        byte[] long256 = new byte[4 + 256];
        long256[0] = 0x04;
        long256[1] = (byte) 0x82;
        long256[2] = 0x01;
        long256[3] = 0x00;
        assertThat(Der.Reader.of(long256).next()).isEqualTo(new Der.Element(0x04, long256, 0, 4, 260));
        byte[] fourBytes = bytes(0x04, 0x84, 0x00, 0x00, 0x00, 0x01, 0xEE);
        assertThat(Der.Reader.of(fourBytes).next()).isEqualTo(new Der.Element(0x04, fourBytes, 0, 6, 7));
    }

    @Test
    void lengthsThatTheDataCannotHoldAreRefused() {
        assertThatThrownBy(() -> read(0x04, 0x85, 0, 0, 0, 0, 1, 0xEE)).isInstanceOf(Der.DerException.class)
                .hasMessage("a length of 5 bytes, beyond what the data holds");
        assertThatThrownBy(() -> read(0x04, 0x82, 0x01)).isInstanceOf(Der.DerException.class)
                .hasMessage("a length of 2 bytes, beyond what the data holds");
        assertThatThrownBy(() -> read(0x04, 0x03, 0x01, 0x02)).isInstanceOf(Der.DerException.class)
                .hasMessage("an element of 3 bytes where only 2 are left");
        assertThatThrownBy(() -> read(0x04, 0x81, 0x02, 0x01)).isInstanceOf(Der.DerException.class)
                .hasMessage("an element of 2 bytes where only 1 are left");
        assertThatThrownBy(() -> read(0x04)).isInstanceOf(Der.DerException.class)
                .hasMessage("the data ends where an element was expected");
        assertThatThrownBy(() -> Der.Reader.of(new byte[0]).next()).isInstanceOf(Der.DerException.class)
                .hasMessage("the data ends where an element was expected");
    }

    @Test
    void aLengthWhoseBytesFillTheDataExactlyIsRead() throws Der.DerException {
        byte[] buffer = bytes(0x04, 0x82, 0x00, 0x00);
        assertThat(Der.Reader.of(buffer).next()).isEqualTo(new Der.Element(0x04, buffer, 0, 4, 4));
    }

    @Test
    void onlyMultiByteTagsAreRefused() throws Der.DerException {
        assertThatThrownBy(() -> read(0x1F, 0x00)).isInstanceOf(Der.DerException.class)
                .hasMessage("a multi-byte tag, which keys never use");
        assertThatThrownBy(() -> read(0xBF, 0x00)).hasMessage("a multi-byte tag, which keys never use");
        assertThat(read(0x1E, 0x00).tag()).isEqualTo(0x1E);
        assertThat(read(0xA0, 0x00).tag()).isEqualTo(0xA0);
        assertThat(read(0xFE, 0x00).tag()).isEqualTo(0xFE);
    }

    @Test
    void smallIntegersHaveOneToFourBytes() throws Der.DerException {
        assertThat(read(0x02, 0x01, 0xFF).smallInteger()).isEqualTo(255);
        assertThat(read(0x02, 0x02, 0x01, 0x02).smallInteger()).isEqualTo(258);
        assertThat(read(0x02, 0x04, 0x01, 0x02, 0x03, 0x04).smallInteger()).isEqualTo(0x01020304);
        assertThatThrownBy(() -> read(0x02, 0x00).smallInteger()).isInstanceOf(Der.DerException.class)
                .hasMessage("expected a small INTEGER, got one of 0 bytes");
        assertThatThrownBy(() -> read(0x02, 0x05, 0, 0, 0, 0, 1).smallInteger()).isInstanceOf(Der.DerException.class)
                .hasMessage("expected a small INTEGER, got one of 5 bytes");
        assertThatThrownBy(() -> read(0x04, 0x01, 0x01).smallInteger()).isInstanceOf(Der.DerException.class)
                .hasMessage("expected an INTEGER, got tag 0x4");
    }

    @Test
    void theFirstTwoArcsOfAnObjectIdentifierShareItsFirstNumber() throws Der.DerException {
        assertThat(read(0x06, 0x01, 0x00).oid()).isEqualTo("0.0");
        assertThat(read(0x06, 0x01, 39).oid()).isEqualTo("0.39");
        assertThat(read(0x06, 0x01, 40).oid()).isEqualTo("1.0");
        assertThat(read(0x06, 0x01, 79).oid()).isEqualTo("1.39");
        assertThat(read(0x06, 0x01, 80).oid()).isEqualTo("2.0");
        assertThat(read(0x06, 0x01, 0x7F).oid()).isEqualTo("2.47");
        assertThat(read(0x06, 0x02, 0x88, 0x37).oid()).isEqualTo("2.999");
    }

    @Test
    void objectIdentifierArcsAreReadUpToTheLargestInt() throws Der.DerException {
        assertThat(read(0x06, 0x06, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D).oid()).isEqualTo("1.2.840.113549");
        assertThat(read(0x06, 0x04, 0x2A, 0x00, 0x7F, 0x01).oid()).isEqualTo("1.2.0.127.1");
        assertThat(read(0x06, 0x06, 0x2A, 0x87, 0xFF, 0xFF, 0xFF, 0x7F).oid()).isEqualTo("1.2.2147483647");
        assertThatThrownBy(() -> read(0x06, 0x06, 0x2A, 0x88, 0x80, 0x80, 0x80, 0x00).oid())
                .isInstanceOf(Der.DerException.class)
                .hasMessage("an OBJECT IDENTIFIER with an arc that is too large");
        assertThatThrownBy(() -> read(0x06, 0x05, 0x88, 0x80, 0x80, 0x80, 0x00).oid())
                .hasMessage("an OBJECT IDENTIFIER with an arc that is too large");
    }

    @Test
    void anObjectIdentifierHasOneToSixtyFourBytesAndEndsWithAWholeArc() throws Der.DerException {
        byte[] longest = new byte[2 + 64];
        longest[0] = 0x06;
        longest[1] = 64;
        longest[2] = 0x2A;
        Arrays.fill(longest, 3, longest.length, (byte) 0x01);
        assertThat(Der.Reader.of(longest).next().oid()).isEqualTo("1.2" + ".1".repeat(63));
        byte[] tooLong = new byte[2 + 65];
        tooLong[0] = 0x06;
        tooLong[1] = 65;
        Arrays.fill(tooLong, 2, tooLong.length, (byte) 0x01);
        assertThatThrownBy(() -> Der.Reader.of(tooLong).next().oid()).isInstanceOf(Der.DerException.class)
                .hasMessage("an OBJECT IDENTIFIER of 65 bytes");
        assertThatThrownBy(() -> read(0x06, 0x00).oid()).isInstanceOf(Der.DerException.class)
                .hasMessage("an OBJECT IDENTIFIER of 0 bytes");
        assertThatThrownBy(() -> read(0x06, 0x02, 0x2A, 0x86).oid()).isInstanceOf(Der.DerException.class)
                .hasMessage("an OBJECT IDENTIFIER that ends in the middle of an arc");
        assertThatThrownBy(() -> read(0x06, 0x01, 0x86).oid())
                .hasMessage("an OBJECT IDENTIFIER that ends in the middle of an arc");
        assertThatThrownBy(() -> read(0x02, 0x01, 0x2A).oid()).hasMessage("expected an OBJECT IDENTIFIER, got tag 0x2");
    }

    @Test
    void anElementsLengthIsWrittenInTheShortestForm() {
        assertThat(Der.element(0x04)).containsExactly(0x04, 0x00);
        assertThat(Der.element(0x04, new byte[0x7F])).startsWith(0x04, 0x7F).hasSize(2 + 0x7F);
        assertThat(Der.element(0x04, new byte[0x80])).startsWith(0x04, 0x81, 0x80).hasSize(3 + 0x80);
        assertThat(Der.element(0x04, new byte[0xFF])).startsWith(0x04, 0x81, 0xFF).hasSize(3 + 0xFF);
        assertThat(Der.element(0x04, new byte[0x100])).startsWith(0x04, 0x82, 0x01, 0x00).hasSize(4 + 0x100);
        assertThat(Der.element(0x04, new byte[0xFFFF])).startsWith(0x04, 0x82, 0xFF, 0xFF).hasSize(4 + 0xFFFF);
        assertThat(Der.element(0x04, new byte[0x10000])).startsWith(0x04, 0x83, 0x01, 0x00, 0x00)
                .hasSize(5 + 0x10000);
        assertThat(Der.element(0x04, new byte[0x123456])).startsWith(0x04, 0x83, 0x12, 0x34, 0x56)
                .hasSize(5 + 0x123456);
    }

    @Test
    void anElementHoldsItsContentsOneAfterTheOther() throws Der.DerException {
        byte[] sequence = Der.sequence(Der.element(Der.INTEGER, bytes(0x05)), Der.element(Der.NULL));
        assertThat(sequence).containsExactly(0x30, 0x05, 0x02, 0x01, 0x05, 0x05, 0x00);
        byte[] big = new byte[300];
        big[0] = 0x11;
        big[299] = 0x22;
        byte[] written = Der.element(Der.OCTET_STRING, bytes(0x33), big);
        assertThat(Der.Reader.of(written).next().content()).hasSize(301).startsWith(0x33, 0x11).endsWith(0x22);
    }

    @Test
    void objectIdentifiersAreWrittenInSevenBitGroups() {
        assertThat(Der.oid("1.2.840.113549")).containsExactly(0x06, 0x06, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D);
        assertThat(Der.oid("1.2.0.127.128")).containsExactly(0x06, 0x05, 0x2A, 0x00, 0x7F, 0x81, 0x00);
        assertThat(Der.oid("2.999")).containsExactly(0x06, 0x02, 0x88, 0x37);
        assertThat(Der.oid("0.0")).containsExactly(0x06, 0x01, 0x00);
        assertThat(Der.oid("1.2.2147483647")).containsExactly(0x06, 0x06, 0x2A, 0x87, 0xFF, 0xFF, 0xFF, 0x7F);
        assertThat(Der.oid("1.2.16384")).containsExactly(0x06, 0x04, 0x2A, 0x81, 0x80, 0x00);
    }
}
