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

}  // namespace lspgen::net
