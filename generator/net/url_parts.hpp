#pragma once

#include <memory>
#include <optional>
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

/// A parsed absolute URL, which relative references resolve against as the
/// URL standard says (libcurl's URL API does the work).
class Url {
  public:
    /// nullopt when `absolute` is not an absolute URL curl can parse.
    static std::optional<Url> parse(const std::string& absolute);
    /// `reference` ("../x.html", "/y", "//host/z", "https://…") resolved
    /// against this URL; nullopt when it cannot be parsed.
    std::optional<Url> resolve(const std::string& reference) const;
    /// The host as written in the URL; the path still percent-encoded.
    std::string host() const;
    std::string path() const;
    /// The whole URL without its fragment.
    std::string without_fragment() const;

    Url(Url&&) noexcept;
    Url& operator=(Url&&) noexcept;
    ~Url();

  private:
    struct Handle;
    explicit Url(std::unique_ptr<Handle> handle);
    std::unique_ptr<Handle> handle_;
};

}  // namespace lspgen::net
