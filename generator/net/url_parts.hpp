#pragma once

#include <string>

/// Parts of URLs as the HTTP client sees them (libcurl's URL API does the
/// parsing).
namespace lspgen::net {

/// The host name of an absolute URL, lower case; empty when it has none.
std::string host_of(const std::string& url);

/// `url` fit to print: a user name or password in it is replaced by "***"
/// ("https://jo:secret@example.org/x" gives "https://***@example.org/x";
/// "//jo@example.org/" gives "//***@example.org/"). Anything else is
/// returned as it is, byte for byte.
std::string without_credentials(const std::string& url);

/// `text` with %XX escapes decoded (invalid ones are kept as they are).
std::string percent_decode(const std::string& text);

}  // namespace lspgen::net
