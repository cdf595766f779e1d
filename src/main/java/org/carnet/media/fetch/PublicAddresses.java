package org.carnet.media.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which IP addresses a fetch of someone else's file may connect to: public unicast ones only. Everything an
 * attacker could use to reach inside the network running Carnet is refused: loopback, "this network" and any-local,
 * private (RFC 1918), carrier-grade NAT (100.64/10), link-local (169.254/16, with the cloud metadata address
 * 169.254.169.254), multicast and broadcast, documentation and benchmark ranges, reserved 240/4; in IPv6 the
 * same plus unique-local fc00::/7, site-local, and IPv4 addresses carried inside IPv6 (mapped ::ffff:a.b.c.d,
 * compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) judged by the IPv4 address they carry; Teredo is
 * refused.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /** True when every address of the list is public (and the list is not empty). */
    public static boolean allPublic(List<InetAddress> addresses) {
        return !addresses.isEmpty() && addresses.stream().allMatch(PublicAddresses::isPublic);
    }

    public static boolean isPublic(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return isPublicV4(b);
        }
        if (b.length != 16 || a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()
                || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicV4(v4(b, 12));                           // ::ffff:a.b.c.d
        }
        if (zeros(b, 0, 12)) {
            return false;                                          // ::, ::1, ::a.b.c.d (deprecated)
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12)) {
            return isPublicV4(v4(b, 12));                           // 64:ff9b::/96, NAT64
        }
        if (first == 0x20 && second == 0x02) {
            return isPublicV4(v4(b, 2));                            // 2002::/16, 6to4
        }
        if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
            return false;                                          // 2001::/32, Teredo
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false;                                          // 2001:db8::/32, documentation
        }
        if (first == 0x01 && second == 0x00 && zeros(b, 2, 8)) {
            return false;                                          // 100::/64, discard
        }
        if ((first & 0xfe) == 0xfc) {
            return false;                                          // fc00::/7, unique local
        }
        return (first & 0xe0) == 0x20;                             // 2000::/3: the global unicast space
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224) {
            return false;                  // this network, private, loopback, multicast, reserved, broadcast
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return false;                  // 100.64/10, carrier-grade NAT
        }
        if (a0 == 169 && a1 == 254) {
            return false;                  // link-local, cloud metadata
        }
        if (a0 == 172 && (a1 & 0xf0) == 16) {
            return false;                  // 172.16/12
        }
        if (a0 == 192 && a1 == 168) {
            return false;                  // 192.168/16
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
            return false;                  // 192.0.0/24 protocol assignments, 192.0.2/24 documentation
        }
        if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            return false;                  // 198.18/15, benchmarking
        }
        if (a0 == 198 && a1 == 51 && a2 == 100 || a0 == 203 && a1 == 0 && a2 == 113) {
            return false;                  // documentation
        }
        return true;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] v4(byte[] b, int at) {
        return new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]};
    }

    /** An address from its text (tests, and literals): no DNS is asked for a literal. */
    static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

}
