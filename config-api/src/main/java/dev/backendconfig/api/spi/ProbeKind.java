package dev.backendconfig.api.spi;

import java.util.Locale;

/** How a candidate endpoint is checked: not at all, TCP connect-and-read, HTTP GET, or WebSocket handshake. */
public enum ProbeKind {
    /** Trust the candidate without checking. */
    NONE,
    /** Connect, then read briefly: an immediate end of stream means a port proxy with no app behind it. */
    TCP,
    /** GET the configured path; any answer below 500 counts as ready. */
    HTTP,
    /** Perform a real WebSocket opening handshake on the WebSocket URL. */
    WEBSOCKET;

    /** Return the kind named by the {@code probe} setting's value ({@code none}, {@code tcp}, ...). */
    public static ProbeKind fromSetting(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Return the name as the settings write it. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
