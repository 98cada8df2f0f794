#include "links/url.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "markdown.hpp"

namespace lspgen::links {

namespace {

// The host and folder that stand for the tree's root while resolving. The
// extra folder shows when "../" climbs above the root.
constexpr const char* kBase = "http://lspgen.invalid/__root__/";
constexpr const char* kRootPath = "/__root__/";

struct UrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlFree {
    void operator()(char* s) const { curl_free(s); }
};

std::string get(CURLU* url, CURLUPart part, unsigned flags = 0) {
    char* raw = nullptr;
    if (curl_url_get(url, part, &raw, flags) != CURLUE_OK || !raw) return {};
    std::unique_ptr<char, CurlFree> owned(raw);
    return raw;
}

// The scheme of an absolute URL ("mailto"), lower-cased; empty for a
// relative reference. RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
std::string scheme_of(const std::string& href) {
    size_t i = 0;
    while (i < href.size() && (href[i] == ' ' || href[i] == '\t' || href[i] == '\n')) ++i;
    if (i >= href.size() || !std::isalpha(static_cast<unsigned char>(href[i]))) return {};
    size_t j = i;
    while (j < href.size() && (std::isalnum(static_cast<unsigned char>(href[j])) || href[j] == '+' ||
                               href[j] == '-' || href[j] == '.')) {
        ++j;
    }
    if (j >= href.size() || href[j] != ':') return {};
    std::string scheme = href.substr(i, j - i);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return scheme;
}

std::string decoded_fragment(const std::string& href) {
    const size_t hash = href.find('#');
    if (hash == std::string::npos) return {};
    const std::string raw = href.substr(hash + 1);
    int length = 0;
    std::unique_ptr<char, CurlFree> decoded(
        curl_easy_unescape(nullptr, raw.c_str(), static_cast<int>(raw.size()), &length));
    return decoded ? std::string(decoded.get(), static_cast<size_t>(length)) : raw;
}

}  // namespace

Target resolve(const std::string& page_path, const std::string& href) {
    Target target;
    if (markdown::is_unsafe_url(href)) {
        target.kind = Target::Kind::unsafe;
        return target;
    }
    const std::string scheme = scheme_of(href);
    if (scheme == "mailto") target.kind = Target::Kind::mail;
    else if (scheme == "tel") target.kind = Target::Kind::phone;
    else if (!scheme.empty() && scheme != "http" && scheme != "https") target.kind = Target::Kind::other;
    if (target.kind != Target::Kind::invalid) {
        target.url = href;
        return target;
    }
    // "#top" or "": the page itself (curl would drop the file name).
    if (href.empty() || href[0] == '#') {
        target.kind = Target::Kind::same_page;
        target.path = page_path;
        target.fragment = decoded_fragment(href);
        return target;
    }

    std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
    std::string base = kBase + page_path;
    const bool from_root = href[0] == '/' && (href.size() < 2 || href[1] != '/');
    const std::string reference = from_root ? href.substr(1) : href;
    if (from_root) base = kBase;
    if (curl_url_set(url.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK ||
        curl_url_set(url.get(), CURLUPART_URL, reference.c_str(), 0) != CURLUE_OK) {
        return target;  // invalid
    }
    const std::string host = get(url.get(), CURLUPART_HOST);
    if (host != "lspgen.invalid") {
        target.kind = Target::Kind::external;
        curl_url_set(url.get(), CURLUPART_FRAGMENT, nullptr, 0);
        target.url = get(url.get(), CURLUPART_URL);
        return target;
    }
    target.kind = Target::Kind::internal;
    const std::string path = get(url.get(), CURLUPART_PATH, CURLU_URLDECODE);
    if (path.rfind(kRootPath, 0) == 0) {
        target.path = path.substr(std::char_traits<char>::length(kRootPath));
    } else {
        target.escapes_root = true;
        target.path = path.empty() ? path : path.substr(1);
    }
    target.fragment = decoded_fragment(href);
    return target;
}

}  // namespace lspgen::links
