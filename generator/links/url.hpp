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
    /// The fragment without '#' and without a text directive (":~:" and what
    /// follows), as written and percent-decoded; empty when there is none.
    /// A browser looks for an element with the id as written first, then
    /// for one with the decoded id.
    std::string fragment_raw;
    std::string fragment;
    /// For external links: the absolute URL without its fragment.
    std::string url;
    /// An internal link that climbs above the tree's root with "..".
    bool escapes_root = false;
};

/// Where the tree is published, when the checker is told: links to that
/// address are links into the tree.
struct SiteAddress {
    /// "https://www.example.org", in lower case; empty when not known.
    std::string origin;
    /// The path the tree's root is published at, "/" or "/lsp/": a link
    /// from the root ("/lsp/about/") leads into the tree only below it.
    std::string base_path = "/";
    /// From a URL ("https://www.Example.org/lsp"); false when it is not an
    /// absolute http(s) URL with a host.
    static bool parse(const std::string& url, SiteAddress& address);
};

/// `href` as a browser takes it from an attribute: without leading and
/// trailing white space and control characters, and without tabs and line
/// ends inside.
std::string clean_href(const std::string& href);

/// Resolves `href` found on the page at `page_path` (a path from the tree's
/// root, such as "members/jo/index.html"). Relative resolution follows the
/// URL standard (curl's URL API does the work); a link that starts with "/"
/// is taken from the tree's root, or from `site`'s base path.
Target resolve(const std::string& page_path, const std::string& href, const SiteAddress& site = {});

/// resolve() for the many links of one page: the page's own URL (or its
/// <base href>) is parsed once, not once a link.
class PageResolver {
  public:
    /// `base_href`: the page's <base href>, or null when it has none.
    explicit PageResolver(const std::string& page_path, const SiteAddress& site = {},
                          const std::string* base_href = nullptr);
    ~PageResolver();
    PageResolver(const PageResolver&) = delete;
    PageResolver& operator=(const PageResolver&) = delete;
    Target resolve(const std::string& href) const;
    /// True for a plain relative link ("a/b.html"), which is resolved
    /// without the URL parser: the page's folder, then the link.
    bool resolves_plainly(const std::string& href) const;
    const std::string& page_path() const { return page_path_; }

  private:
    // A resolved URL as a Target: into the tree, or elsewhere.
    Target place(const net::Url& url, bool same_host, const std::string& href) const;

    std::string page_path_;
    SiteAddress site_;
    std::string folder_;         // the page's folder, "" or ending in '/'
    bool plain_folder_ = false;  // no empty, "." or ".." folder in it
    bool has_base_ = false;      // a <base href> decides, not the page's place
    // What relative links resolve against (the page's URL, or its <base
    // href>), and the host's root, as parsed URLs.
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
    explicit LinkResolver(SiteAddress site = {}) : site_(std::move(site)) {}
    /// The same as resolve(page_path, href, site), on a page whose <base
    /// href> is `base_href` (null: none). The reference is valid until the
    /// next call.
    const Target& resolve(const std::string& page_path, const std::string& href,
                          const std::string* base_href = nullptr);
    /// Links resolved from memory so far, and in all.
    size_t remembered() const { return remembered_; }
    size_t resolved() const { return resolved_; }

  private:
    SiteAddress site_;
    std::unordered_map<std::string, Target> memory_;
    std::unique_ptr<PageResolver> page_;  // for the links it cannot remember
    bool page_has_base_ = false;
    Target fresh_;
    std::string key_;
    std::string cleaned_;
    size_t remembered_ = 0;
    size_t resolved_ = 0;
};

}  // namespace lspgen::links
