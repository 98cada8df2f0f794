#include "links/url.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "base/text.hpp"
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

// The fragment as written, without '#' and without a text directive
// ("#exists:~:text=x" is "exists"): ":~:" starts the fragment directive,
// which is not part of an id.
std::string raw_fragment(const std::string& href) {
    const size_t hash = href.find('#');
    if (hash == std::string::npos) return {};
    const size_t directive = href.find(":~:", hash + 1);
    return href.substr(hash + 1,
                       directive == std::string::npos ? std::string::npos : directive - hash - 1);
}

void set_fragment(Target& target, const std::string& href) {
    target.fragment_raw = raw_fragment(href);
    target.fragment = net::percent_decode(target.fragment_raw);
}

bool starts_with_ci(const std::string& text, const std::string& prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
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

bool SiteAddress::parse(const std::string& url, SiteAddress& address) {
    const std::string scheme = scheme_of(url);
    if (scheme != "http" && scheme != "https") return false;
    const std::optional<net::Url> parsed = net::Url::parse(text::trim_space(url));
    if (!parsed || parsed->host().empty()) return false;
    std::string path = parsed->path();
    if (path.empty() || path.back() != '/') path += '/';
    // The origin as the URL wrote it up to the path, in lower case.
    const std::string whole = text::ascii_lower(parsed->without_fragment());
    const size_t host_at = whole.find("//") + 2;
    const size_t path_at = whole.find('/', host_at);
    address.origin = whole.substr(0, path_at);
    address.base_path = remove_dot_segments(net::percent_decode(path));
    if (address.base_path.back() != '/') address.base_path += '/';
    return true;
}

std::string clean_href(const std::string& href) {
    const auto is_blank = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
    size_t begin = 0;
    size_t end = href.size();
    while (begin < end && is_blank(href[begin])) ++begin;
    while (end > begin && is_blank(href[end - 1])) --end;
    if (begin == 0 && end == href.size() && href.find_first_of("\t\n\r") == std::string::npos) {
        return href;
    }
    std::string clean;
    clean.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) {
        if (href[i] != '\t' && href[i] != '\n' && href[i] != '\r') clean += href[i];
    }
    return clean;
}

PageResolver::PageResolver(const std::string& page_path, const SiteAddress& site,
                           const std::string* base_href)
    : page_path_(page_path),
      site_(site),
      base_(net::Url::parse(kBase + encode_path(site.base_path.substr(1) + page_path))),
      root_(net::Url::parse(kBase)) {
    plain_folder_ = plain_folder(page_path, folder_) && site_.base_path == "/";
    if (!base_href || !base_ || !root_) return;
    // <base href> is resolved against the page as a link is; one that
    // cannot be, or is not http(s), is ignored, as browsers fall back then.
    const std::string href = clean_href(*base_href);
    const std::string scheme = scheme_of(href);
    if (!scheme.empty() && scheme != "http" && scheme != "https") return;
    const bool from_root = !href.empty() && href[0] == '/' && (href.size() < 2 || href[1] != '/');
    std::optional<net::Url> url = from_root ? root_->resolve(href.substr(1)) : base_->resolve(href);
    if (!url) return;
    if (url->host() != "lspgen.invalid" && !site_.origin.empty()) {
        // A base at the site's own address is a base inside the tree.
        const std::string absolute = url->without_fragment();
        if (starts_with_ci(absolute, site_.origin) &&
            (absolute.size() == site_.origin.size() || absolute[site_.origin.size()] == '/')) {
            const std::string rest = absolute.substr(site_.origin.size());
            std::optional<net::Url> inside = root_->resolve(rest.empty() ? rest : rest.substr(1));
            if (inside) url = std::move(inside);
        }
    }
    has_base_ = true;
    base_ = std::move(url);
}

PageResolver::~PageResolver() = default;

Target resolve(const std::string& page_path, const std::string& href, const SiteAddress& site) {
    return PageResolver(page_path, site).resolve(href);
}

bool PageResolver::resolves_plainly(const std::string& href) const {
    return plain_folder_ && !has_base_ && is_plain_relative(href);
}

Target PageResolver::resolve(const std::string& written) const {
    const std::string href = clean_href(written);
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
    // "#top" or "": the page itself (curl would drop the file name). With a
    // <base href>, they are the base's page instead.
    if (!has_base_ && (href.empty() || href[0] == '#')) {
        target.kind = Target::Kind::same_page;
        target.path = page_path_;
        set_fragment(target, href);
        return target;
    }
    if (resolves_plainly(href)) {
        target.kind = Target::Kind::internal;
        target.path = folder_ + href;
        return target;
    }
    if (!base_ || !root_) return target;  // invalid
    const bool base_inside = base_->host() == "lspgen.invalid";
    // "#x", "?q" and "": the base's own page (curl would drop its file name).
    if (href.empty() || href[0] == '#' || href[0] == '?') return place(*base_, base_inside, href);
    // A link from the root ("/x"), where the base is inside the tree, is
    // taken from the host's root; "//host/x" is a host of its own.
    const bool from_root =
        base_inside && !href.empty() && href[0] == '/' && (href.size() < 2 || href[1] != '/');
    const std::optional<net::Url> url =
        from_root ? root_->resolve(href.substr(1)) : base_->resolve(href);
    if (!url) return target;  // invalid
    // A reference with no scheme and no "//" keeps the base's host.
    const bool inherits_host = scheme.empty() && href.rfind("//", 0) != 0;
    target = place(*url, inherits_host && base_inside, href);
    return target;
}

Target PageResolver::place(const net::Url& url, bool inside, const std::string& href) const {
    Target target;
    if (!inside) {
        const std::string absolute = url.without_fragment();
        // A link to the site's own address is a link into the tree.
        if (!site_.origin.empty() && starts_with_ci(absolute, site_.origin) &&
            (absolute.size() == site_.origin.size() || absolute[site_.origin.size()] == '/')) {
            const std::string rest = absolute.substr(site_.origin.size());
            if (auto within = root_->resolve(rest.empty() ? rest : rest.substr(1))) {
                return place(*within, true, href);
            }
        }
        target.kind = Target::Kind::external;
        target.url = absolute;
        return target;
    }
    std::string path = net::percent_decode(url.path());
    // No file name holds a NUL ("%00").
    if (path.empty() || path.find('\0') != std::string::npos) return target;  // invalid
    path = remove_dot_segments(path);
    target.kind = Target::Kind::internal;
    set_fragment(target, href);
    const std::string tree_root = kRootPath + site_.base_path.substr(1);
    if (path.rfind(tree_root, 0) == 0) {
        target.path = path.substr(tree_root.size());
    } else if (path.rfind(kRootPath, 0) == 0 && !site_.origin.empty()) {
        // On the site's host, outside the tree: a page elsewhere.
        target.kind = Target::Kind::external;
        target.url =
            site_.origin + url.without_fragment().substr(std::char_traits<char>::length(kBase) - 1);
        target.fragment_raw.clear();
        target.fragment.clear();
    } else {
        target.escapes_root = true;
        target.path = path.empty() ? path : path.substr(1);
    }
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
        key += 'u';  // above the top: the same for as many folders too many
        key += std::to_string(ups - folders.size());
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

const Target& LinkResolver::resolve(const std::string& page_path, const std::string& written,
                                    const std::string* base_href) {
    ++resolved_;
    // A page with a <base href> resolves every link against it: no memory.
    if (base_href) {
        if (!page_ || page_->page_path() != page_path || !page_has_base_) {
            page_ = std::make_unique<PageResolver>(page_path, site_, base_href);
            page_has_base_ = true;
        }
        fresh_ = page_->resolve(written);
        return fresh_;
    }
    if (!page_ || page_->page_path() != page_path || page_has_base_) {
        page_ = std::make_unique<PageResolver>(page_path, site_);
        page_has_base_ = false;
    }
    const bool blank_edges =
        !written.empty() && (static_cast<unsigned char>(written.front()) <= 0x20 ||
                             static_cast<unsigned char>(written.back()) <= 0x20);
    const std::string& href = blank_edges ? (cleaned_ = clean_href(written)) : written;
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
