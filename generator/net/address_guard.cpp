#include "net/address_guard.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <cstring>

namespace lspgen::net {

namespace {

std::string ipv4_kind(std::uint32_t a) {  // host byte order
    auto in = [a](std::uint32_t net, int bits) {
        const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
        return (a & mask) == net;
    };
    if (in(0x00000000, 8)) return "an unspecified address";
    if (in(0x7f000000, 8)) return "a loopback address";
    if (in(0x0a000000, 8) || in(0xac100000, 12) || in(0xc0a80000, 16)) return "a private address";
    if (in(0xa9fe0000, 16)) return "a link-local address";
    if (in(0x64400000, 10)) return "a shared (carrier-grade NAT) address";
    if (in(0xc0000000, 24) || in(0xc6120000, 15)) return "a reserved address";
    if (in(0xe0000000, 4)) return "a multicast address";
    if (in(0xf0000000, 4)) return "a reserved address";
    return {};
}

std::string ipv6_kind(const unsigned char (&b)[16]) {
    static const unsigned char zero[16] = {};
    auto prefix = [&b](std::initializer_list<unsigned char> bytes) {
        return std::memcmp(b, bytes.begin(), bytes.size()) == 0;
    };
    auto v4_at = [&b](int offset) {
        return ipv4_kind(static_cast<std::uint32_t>(b[offset]) << 24 |
                         static_cast<std::uint32_t>(b[offset + 1]) << 16 |
                         static_cast<std::uint32_t>(b[offset + 2]) << 8 | b[offset + 3]);
    };
    if (std::memcmp(b, zero, 16) == 0) return "an unspecified address";
    if (std::memcmp(b, zero, 15) == 0 && b[15] == 1) return "a loopback address";
    if (prefix({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff})) return v4_at(12);  // ::ffff:a.b.c.d
    if (prefix({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})) return v4_at(12);  // ::a.b.c.d (old form)
    if (prefix({0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) return v4_at(12);  // NAT64
    if (prefix({0x20, 0x02})) return v4_at(2);                                       // 6to4
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return "a link-local address";        // fe80::/10
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return "a private address";           // fec0::/10
    if ((b[0] & 0xfe) == 0xfc) return "a unique-local address";                      // fc00::/7
    if (b[0] == 0xff) return "a multicast address";
    return {};
}

}  // namespace

std::string non_public_kind(const sockaddr* address) {
    if (!address) return {};
    if (address->sa_family == AF_INET) {
        sockaddr_in v4;
        std::memcpy(&v4, address, sizeof v4);
        return ipv4_kind(ntohl(v4.sin_addr.s_addr));
    }
    if (address->sa_family == AF_INET6) {
        sockaddr_in6 v6;
        std::memcpy(&v6, address, sizeof v6);
        unsigned char bytes[16];
        std::memcpy(bytes, &v6.sin6_addr, 16);
        return ipv6_kind(bytes);
    }
    return {};
}

std::string non_public_kind(const std::string& numeric_address) {
    in_addr v4;
    if (inet_pton(AF_INET, numeric_address.c_str(), &v4) == 1) return ipv4_kind(ntohl(v4.s_addr));
    in6_addr v6;
    if (inet_pton(AF_INET6, numeric_address.c_str(), &v6) == 1) {
        unsigned char bytes[16];
        std::memcpy(bytes, &v6, 16);
        return ipv6_kind(bytes);
    }
    return {};
}

std::string numeric_text(const sockaddr* address) {
    char text[INET6_ADDRSTRLEN] = {};
    if (address && address->sa_family == AF_INET) {
        sockaddr_in v4;
        std::memcpy(&v4, address, sizeof v4);
        if (inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text)) return text;
    } else if (address && address->sa_family == AF_INET6) {
        sockaddr_in6 v6;
        std::memcpy(&v6, address, sizeof v6);
        if (inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text)) return text;
    }
    return {};
}

bool AddressGuard::allow(const std::string& numeric_address, long redirects, std::string& refused) {
    const std::string kind = non_public_kind(numeric_address);
    if (kind.empty()) return true;
    if (redirects == 0) {
        own_.insert(numeric_address);
        return true;
    }
    if (own_.count(numeric_address)) return true;
    refused = numeric_address + " (" + kind + ")";
    return false;
}

}  // namespace lspgen::net
