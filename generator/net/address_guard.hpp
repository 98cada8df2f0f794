#pragma once

#include <set>
#include <string>

struct sockaddr;

/// Which addresses a request may reach: the rule against a server that
/// redirects lspgen into the network it runs in (SSRF).
namespace lspgen::net {

/// The kind of a non-public address, as a phrase ("a loopback address",
/// "a private address", "a link-local address", "a unique-local address",
/// "an unspecified address", "a shared (carrier-grade NAT) address",
/// "a multicast address", "a reserved address"); empty for a public one
/// and for anything that is not an IPv4 or IPv6 address. IPv4 addresses
/// inside IPv6 ones (::ffff:10.0.0.1, 64:ff9b::a00:1, 2002:a00:1::) are
/// judged by the IPv4 address.
std::string non_public_kind(const sockaddr* address);

/// The same for an address in text ("10.0.0.1", "::1").
std::string non_public_kind(const std::string& numeric_address);

/// The addresses one request has reached, and the rule: the request's own
/// URL may reach any address (the user configured it); after a redirect, a
/// non-public address only when the request's own URL reached it.
class AddressGuard {
  public:
    /// Whether a connection to `numeric_address` (after `redirects`
    /// redirects) is allowed; records it when it is the request's own. On
    /// refusal, `refused` says which address and why.
    bool allow(const std::string& numeric_address, long redirects, std::string& refused);

  private:
    std::set<std::string> own_;  // non-public addresses the request's own URL reached
};

/// `address` in text, without the port ("10.0.0.1", "::1"); empty when it
/// is neither IPv4 nor IPv6.
std::string numeric_text(const sockaddr* address);

}  // namespace lspgen::net
