package io.waypoint.gateway.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps other web sites away from the status page. The page has no login (it is on the site's own
 * network, where the technician chose to bind it), so what a browser does for another site must
 * not reach it:
 * <ul>
 *   <li><b>Host</b>: only an IP address, {@code localhost} or a name configured in
 *       {@code status.hosts}. A site whose DNS name is made to point at the gateway (DNS rebinding)
 *       sends its own name and is refused, so its scripts can neither read the page nor its token.</li>
 *   <li><b>Origin</b>: an acknowledgement (POST) that carries an Origin must come from the page's own
 *       ({@code http://} + its Host); browsers send it with every cross-site POST.</li>
 *   <li><b>Token</b>: every form carries a random token of this gateway's run (128 bits), which
 *       another site cannot read; an acknowledgement without it is refused.</li>
 * </ul>
 */
final class RequestGuard {
    private final Set<String> names;
    private final String token;

    /** @param names host names (lower case) the page may be opened by, besides IP addresses and localhost */
    RequestGuard(Set<String> names, SecureRandom random) {
        this.names = Set.copyOf(names);
        byte[] t = new byte[16];
        random.nextBytes(t);
        this.token = HexFormat.of().formatHex(t);
    }

    String token() {
        return token;
    }

    /** Why a request with this Host header is refused, or empty when it may be served. */
    Optional<String> refuseHost(String hostHeader) {
        String host = hostOf(hostHeader);
        if (host == null) {
            // no example address in the text: an IP address in a refusal reads as one that identifies someone
            return Optional.of("no Host header: open the page by the gateway's address and the port of status.bind");
        }
        if (host.equals("localhost") || isIpLiteral(host) || names.contains(host)) {
            return Optional.empty();
        }
        // the name came from the browser: shown only as far as it is a plain host name
        String shown = host.length() <= 80 && host.matches("[a-z0-9.\\-]+") && !io.waypoint.wire.PrivacyGuard.identifyingValue(host)
                ? "'" + host + "'" : "this name";
        return Optional.of("the status page is not served under " + shown + ": open it by the gateway's IP address, or add the "
                + "name to status.hosts in the gateway's config");
    }

    /** Why an acknowledgement is refused, or empty when it comes from the page itself. */
    Optional<String> refusePost(String hostHeader, String originHeader, String formToken) {
        Optional<String> host = refuseHost(hostHeader);
        if (host.isPresent()) {
            return host;
        }
        if (originHeader != null && !originHeader.equalsIgnoreCase("http://" + hostHeader.trim())) {
            return Optional.of("an acknowledgement from another web page's origin is refused: use the form on the status page");
        }
        if (formToken == null || !MessageDigest.isEqual(formToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("the form is out of date (the gateway restarted since it was loaded) or not from the status page: "
                    + "reload the page and acknowledge again");
        }
        return Optional.empty();
    }

    /** The host part of a Host header, lower case, without the port; null when there is none. */
    static String hostOf(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean isIpLiteral(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.length() > 2 && host.substring(1, host.length() - 1).matches("[0-9a-f:.]+");
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
