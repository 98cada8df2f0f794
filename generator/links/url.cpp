#include "links/url.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "base/url_safety.hpp"
#include "net/url_parts.hpp"

namespace lspgen::links {

namespace {

// The host and folder that stand for the tree's root while resolving. The
// extra folder shows when "../" climbs above the root.
constexpr const char* kBase = "http://lspgen.invalid/__root__/";
constexpr const char* kRootPath = "/__root__/";

// The scheme of an absolute URL ("mailto"), lower-cased; empty for a
// relative reference. RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
std::string scheme_of(const std::string& href) {
    size_t i = 0;
    while (i < href.size() && (href[i] == ' ' || href[i] == '\t' || href[i] == '\n')) ++i;
    if (i >= href.size() || !std::isalpha(static_cast<unsigned char>(href[i]))) return {};
    size_t j = i;
    while (j < href.size() && (std::isalnum(static_cast<unsigned char>(href[j])) ||
                               href[j] == '+' || href[j] == '-' || href[j] == '.')) {
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
    return net::percent_decode(href.substr(hash + 1));
}

// The page's path as the path of a URL: a file name may hold '#', '?', '%'
// or a space, which in a URL would start a fragment or a query, or be
// invalid.
std::string encode_path(const std::string& path) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string encoded;
    for (char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || std::strchr("-._~/!$&'()*+,;=:@", c) != nullptr) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += kHex[byte >> 4];
            encoded += kHex[byte & 0xF];
        }
    }
    return encoded;
}

// Removes "." and ".." segments and empty ones ("a//b") from a decoded
// absolute path, as a file system reads it. curl removes dot segments before
// decoding, but browsers also read "%2e%2e" as "..", and a file system reads
// "..%2f" as "../"; and an empty first segment would make the path absolute.
// Left in, each would send the checker out of the tree.
std::string remove_dot_segments(const std::string& path) {
    std::vector<std::string> kept;
    size_t start = 1;  // after the leading '/'
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        const std::string segment = path.substr(start, end - start);
        const bool last = end == path.size();
        if (segment == "..") {
            if (!kept.empty()) kept.pop_back();
            if (last) kept.emplace_back();
        } else if (segment == "." || segment.empty()) {
            if (last) kept.emplace_back();
        } else {
            kept.push_back(segment);
        }
        start = end + 1;
    }
    std::string normal;
    for (const auto& segment : kept) normal += "/" + segment;
    return normal.empty() ? "/" : normal;
}

// A plain relative path: letters, digits and "-._~/" only, no empty, "." or
// ".." segment, and not from the root. Such a link needs no URL parser: it
// is the page's folder followed by the link, exactly as the URL standard
// resolves it. Most links on a page are of this kind.
bool is_plain_relative(const std::string& href) {
    if (href.empty() || href[0] == '/') return false;
    size_t segment_start = 0;
    for (size_t i = 0; i <= href.size(); ++i) {
        if (i == href.size() || href[i] == '/') {
            const std::string_view segment(href.data() + segment_start, i - segment_start);
            const bool last = i == href.size();
            if ((segment.empty() && !last) || segment == "." || segment == "..") return false;
            segment_start = i + 1;
            continue;
        }
        const auto c = static_cast<unsigned char>(href[i]);
        if (!std::isalnum(c) && c != '-' && c != '.' && c != '_' && c != '~') return false;
    }
    return true;
}

// The page's folder ("news/a/" for "news/a/index.html"), or false when one
// of its folders is empty, "." or "..", which the URL parser would read as
// dot segments.
bool plain_folder(const std::string& page_path, std::string& folder) {
    const size_t slash = page_path.rfind('/');
    folder = slash == std::string::npos ? std::string() : page_path.substr(0, slash + 1);
    size_t start = 0;
    while (start < folder.size()) {
        const size_t end = folder.find('/', start);
        const std::string_view segment(folder.data() + start, end - start);
        if (segment.empty() || segment == "." || segment == "..") return false;
        start = end + 1;
    }
    return true;
}

}  // namespace

PageResolver::PageResolver(const std::string& page_path)
    : page_path_(page_path),
      base_(net::Url::parse(kBase + encode_path(page_path))),
      root_(net::Url::parse(kBase)) {
    plain_folder_ = plain_folder(page_path, folder_);
}

PageResolver::~PageResolver() = default;

Target resolve(const std::string& page_path, const std::string& href) {
    return PageResolver(page_path).resolve(href);
}

bool PageResolver::resolves_plainly(const std::string& href) const {
    return plain_folder_ && is_plain_relative(href);
}

Target PageResolver::resolve(const std::string& href) const {
    const std::string& page_path = page_path_;
    Target target;
    if (is_unsafe_url(href)) {
        target.kind = Target::Kind::unsafe;
        return target;
    }
    const std::string scheme = scheme_of(href);
    if (scheme == "mailto")
        target.kind = Target::Kind::mail;
    else if (scheme == "tel")
        target.kind = Target::Kind::phone;
    else if (!scheme.empty() && scheme != "http" && scheme != "https")
        target.kind = Target::Kind::other;
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

    if (resolves_plainly(href)) {
        target.kind = Target::Kind::internal;
        target.path = folder_ + href;
        return target;
    }

    const bool from_root = href[0] == '/' && (href.size() < 2 || href[1] != '/');
    const std::string reference = from_root ? href.substr(1) : href;
    const std::optional<net::Url>& base = from_root ? root_ : base_;
    if (!base) return target;  // invalid
    const std::optional<net::Url> url = base->resolve(reference);
    if (!url) return target;  // invalid
    // A reference with no scheme and no "//" keeps the base's host.
    const bool same_host = scheme.empty() && reference.rfind("//", 0) != 0;
    if (!same_host && url->host() != "lspgen.invalid") {
        target.kind = Target::Kind::external;
        target.url = url->without_fragment();
        return target;
    }
    std::string path = net::percent_decode(url->path());
    // No file name holds a NUL ("%00").
    if (path.empty() || path.find('\0') != std::string::npos) return target;  // invalid
    path = remove_dot_segments(path);
    target.kind = Target::Kind::internal;
    if (path.rfind(kRootPath, 0) == 0) {
        target.path = path.substr(std::char_traits<char>::length(kRootPath));
    } else {
        target.escapes_root = true;
        target.path = path.empty() ? path : path.substr(1);
    }
    target.fragment = decoded_fragment(href);
    return target;
}

namespace {

// A link's memory key, or false when the link is not of the kind that
// resolves the same from many pages. The URL standard resolves a relative
// path by dropping the page's file name, then one folder for each leading
// "../", then appending the rest; so "../../x" from "a/b/c/p.html" and "x"
// from "a/q.html" are the same link. The key is the folder that is left and
// the rest of the link; a link from the top ("/x") is the same from any page.
bool memory_key(const std::string& page_path, const std::string& href, std::string& key) {
    key.clear();
    if (href.size() >= 2 && href[0] == '/' && href[1] != '/') {
        key += 'r';
        key += href;
        return true;
    }
    size_t ups = 0;
    while (href.size() >= 3 * ups + 3 && href.compare(3 * ups, 3, "../") == 0) ++ups;
    const size_t rest = 3 * ups;
    // The rest must be a plain relative path: a letter, digit, '_' or '-'
    // first, and no scheme ("a:b" would be one).
    if (rest >= href.size()) return false;
    const auto first = static_cast<unsigned char>(href[rest]);
    if (!std::isalnum(first) && first != '_' && first != '-') return false;
    for (size_t i = rest; i < href.size() && href[i] != '/' && href[i] != '?' && href[i] != '#';
         ++i) {
        if (href[i] == ':') return false;
    }
    // The page's folders, less one a "../". Folders named "", "." or ".."
    // would be read as dot segments: no memory for those pages.
    std::vector<std::string_view> folders;
    const std::string_view path = page_path;
    for (size_t start = 0;;) {
        const size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) break;
        const std::string_view folder = path.substr(start, slash - start);
        if (folder.empty() || folder == "." || folder == "..") return false;
        folders.push_back(folder);
        start = slash + 1;
    }
    if (ups > folders.size()) {
        key += 'u';  // above the top: every such link is the same
    } else {
        key += 'f';
        for (size_t i = 0; i < folders.size() - ups; ++i) {
            key += folders[i];
            key += '/';
        }
    }
    key += '\0';
    key.append(href, rest, std::string::npos);
    return true;
}

// Enough for every link of a large region; past it the memory starts again.
constexpr size_t kMemoryLimit = 200000;

}  // namespace

const Target& LinkResolver::resolve(const std::string& page_path, const std::string& href) {
    ++resolved_;
    if (!page_ || page_->page_path() != page_path) {
        page_ = std::make_unique<PageResolver>(page_path);
    }
    // A plain link resolves faster than the memory can answer: not kept.
    if (page_->resolves_plainly(href)) {
        fresh_ = page_->resolve(href);
        return fresh_;
    }
    const bool keyed = memory_key(page_path, href, key_);
    if (keyed) {
        auto it = memory_.find(key_);
        if (it != memory_.end()) {
            ++remembered_;
            return it->second;
        }
    }
    fresh_ = page_->resolve(href);
    if (!keyed) return fresh_;
    if (memory_.size() >= kMemoryLimit) memory_.clear();
    return memory_.emplace(key_, fresh_).first->second;
}

}  // namespace lspgen::links
