#include "net/url_parts.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace lspgen::net {

std::string host_of(const std::string& url) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
    char* host = nullptr;
    if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
        curl_url_get(u.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK || !host) {
        return {};
    }
    std::string name = host;
    curl_free(host);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name;
}

std::string without_credentials(const std::string& url) {
    // The mask works on the text itself rather than on a parsed URL: an
    // href too broken for curl's URL API may still hold a password, and a
    // report must quote everything else exactly as written.
    const size_t slashes = url.find("//");
    if (slashes == std::string::npos) return url;
    const std::string scheme = url.substr(0, slashes);
    const bool scheme_first =
        scheme.empty() || (scheme.size() >= 2 && scheme.back() == ':' &&
                           std::isalpha(static_cast<unsigned char>(scheme[0])) &&
                           std::all_of(scheme.begin(), scheme.end() - 1, [](unsigned char c) {
                               return std::isalnum(c) || c == '+' || c == '-' || c == '.';
                           }));
    if (!scheme_first) return url;
    const size_t start = slashes + 2;
    const size_t end = std::min(url.find_first_of("/?#\\", start), url.size());
    const size_t at = url.rfind('@', end == 0 ? 0 : end - 1);
    if (at == std::string::npos || at < start) return url;
    return url.substr(0, start) + "***" + url.substr(at);
}

std::string percent_decode(const std::string& text) {
    int length = 0;
    char* raw = curl_easy_unescape(nullptr, text.c_str(), static_cast<int>(text.size()), &length);
    if (!raw) return text;
    std::string decoded(raw, static_cast<size_t>(length));
    curl_free(raw);
    return decoded;
}

namespace {

std::string part(CURLU* url, CURLUPart which) {
    char* raw = nullptr;
    if (curl_url_get(url, which, &raw, 0) != CURLUE_OK || !raw) return {};
    std::string text = raw;
    curl_free(raw);
    return text;
}

}  // namespace

struct Url::Handle {
    CURLU* url = nullptr;
    ~Handle() { curl_url_cleanup(url); }
};

Url::Url(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
Url::Url(Url&&) noexcept = default;
Url& Url::operator=(Url&&) noexcept = default;
Url::~Url() = default;

std::optional<Url> Url::parse(const std::string& absolute) {
    auto handle = std::make_unique<Handle>();
    handle->url = curl_url();
    if (!handle->url ||
        curl_url_set(handle->url, CURLUPART_URL, absolute.c_str(), 0) != CURLUE_OK) {
        return std::nullopt;
    }
    return Url(std::move(handle));
}

std::optional<Url> Url::resolve(const std::string& reference) const {
    auto handle = std::make_unique<Handle>();
    handle->url = curl_url_dup(handle_->url);
    if (!handle->url ||
        curl_url_set(handle->url, CURLUPART_URL, reference.c_str(), 0) != CURLUE_OK) {
        return std::nullopt;
    }
    return Url(std::move(handle));
}

std::string Url::host() const {
    return part(handle_->url, CURLUPART_HOST);
}
std::string Url::path() const {
    return part(handle_->url, CURLUPART_PATH);
}

std::string Url::without_fragment() const {
    CURLU* copy = curl_url_dup(handle_->url);
    if (!copy) return {};
    curl_url_set(copy, CURLUPART_FRAGMENT, nullptr, 0);
    std::string text = part(copy, CURLUPART_URL);
    curl_url_cleanup(copy);
    return text;
}

}  // namespace lspgen::net
