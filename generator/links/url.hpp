#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "net/url_parts.hpp"

namespace lspgen::links {

/// What a link in a page points at, once resolved against the page.
struct Target {
    enum class Kind {
        same_page,  // "#fragment", or an empty href
        internal,   // a file in the same output tree
        external,   // http(s) elsewhere
        mail,       // mailto:
        phone,      // tel:
        unsafe,     // javascript:, vbscript:, data: in a link
        other,      // any other scheme (ftp:, webcal:…), not checked
        invalid     // cannot be parsed as a URL
    };
    Kind kind = Kind::invalid;
    /// For internal links: the path from the tree's root, percent-decoded,
    /// without query or fragment ("members/jo/index.html", "members/").
    std::string path;
    /// The fragment, percent-decoded, without '#'; empty when there is none.
    std::string fragment;
    /// For external links: the absolute URL without its fragment.
    std::string url;
    /// An internal link that climbs above the tree's root with "..".
    bool escapes_root = false;
};

/// Resolves `href` found on the page at `page_path` (a path from the tree's
/// root, such as "members/jo/index.html"). Relative resolution follows the
/// URL standard (curl's URL API does the work); a link that starts with "/"
/// is taken from the tree's root.
Target resolve(const std::string& page_path, const std::string& href);

/// resolve() for the many links of one page: the page's own URL is parsed
/// once, not once a link.
class PageResolver {
  public:
    explicit PageResolver(const std::string& page_path);
    ~PageResolver();
    PageResolver(const PageResolver&) = delete;
    PageResolver& operator=(const PageResolver&) = delete;
    Target resolve(const std::string& href) const;
    /// True for a plain relative link ("a/b.html"), which is resolved
    /// without the URL parser: the page's folder, then the link.
    bool resolves_plainly(const std::string& href) const;
    const std::string& page_path() const { return page_path_; }

  private:
    std::string page_path_;
    std::string folder_;         // the page's folder, "" or ending in '/'
    bool plain_folder_ = false;  // no empty, "." or ".." folder in it
    // The page's URL, and the tree's root, as parsed URLs.
    std::optional<net::Url> base_;
    std::optional<net::Url> root_;
};

/// resolve() with a memory, for the links of a whole tree. Most links on a
/// site are the same few, written relative to the page: the page
/// "news/a/index.html" links to "../../members/index.html", and so does every
/// page two folders below the top. Such a link resolves the same from each of
/// those pages ("members/index.html" from the top), so the URL API runs once
/// for it, not once a page. A link of any other kind (a scheme, "./", "?",
/// "#", a blank or an odd character first) is resolved afresh each time.
/// One resolver per thread: it is not safe to share.
class LinkResolver {
  public:
    /// The same as resolve(page_path, href). The reference is valid until the
    /// next call.
    const Target& resolve(const std::string& page_path, const std::string& href);
    /// Links resolved from memory so far, and in all.
    size_t remembered() const { return remembered_; }
    size_t resolved() const { return resolved_; }

  private:
    std::unordered_map<std::string, Target> memory_;
    std::unique_ptr<PageResolver> page_;  // for the links it cannot remember
    Target fresh_;
    std::string key_;
    size_t remembered_ = 0;
    size_t resolved_ = 0;
};

}  // namespace lspgen::links
