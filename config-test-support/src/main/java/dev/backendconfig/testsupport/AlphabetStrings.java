package dev.backendconfig.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * Every short string over an alphabet: what the tests of a scan that replaced a regular expression check it against the
 * pattern with (the empty string, then every string of one character, of two, ... up to a length).
 */
public final class AlphabetStrings {

    private AlphabetStrings() {
    }

    /** Return every string of 0 to {@code length} characters drawn from {@code alphabet}, shorter ones first. */
    public static List<String> upTo(String alphabet, int length) {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int i = 0; i < length; i++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            all.addAll(next);
            previous = next;
        }
        return all;
    }
}
