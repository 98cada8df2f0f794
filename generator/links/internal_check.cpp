#include "links/internal_check.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "links/html_links.hpp"
#include "links/url.hpp"

namespace lspgen::links {

namespace fs = std::filesystem;

namespace {

bool is_html(const std::string& path) {
    return path.size() > 5 && (path.compare(path.size() - 5, 5, ".html") == 0 ||
                               (path.size() > 4 && path.compare(path.size() - 4, 4, ".htm") == 0));
}

}  // namespace

DiskTree::DiskTree(fs::path root) : root_(std::move(root)) {}

bool DiskTree::is_file(const std::string& path) const {
    std::error_code ec;
    return fs::is_regular_file(root_ / path, ec);
}

bool DiskTree::is_directory(const std::string& path) const {
    std::error_code ec;
    return fs::is_directory(root_ / path, ec);
}

std::vector<std::string> DiskTree::html_pages() const {
    std::vector<std::string> pages;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) {
            const std::string rel = it->path().lexically_relative(root_).generic_string();
            if (is_html(rel)) pages.push_back(rel);
        }
    }
    std::sort(pages.begin(), pages.end());
    return pages;
}

std::string DiskTree::read(const std::string& path) const {
    std::ifstream in(root_ / path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void MemoryTree::add_file(const std::string& path, const std::string* content) {
    files_[path] = content;
}

bool MemoryTree::is_file(const std::string& path) const { return files_.count(path) > 0; }

bool MemoryTree::is_directory(const std::string& path) const {
    std::string prefix = path;
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    auto it = files_.lower_bound(prefix);
    return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> MemoryTree::html_pages() const {
    std::vector<std::string> pages;
    for (const auto& [path, content] : files_) {
        if (content && is_html(path)) pages.push_back(path);
    }
    return pages;
}

std::string MemoryTree::read(const std::string& path) const {
    auto it = files_.find(path);
    return it == files_.end() || !it->second ? std::string() : *it->second;
}

bool CheckResult::has_errors() const {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Finding::Severity::error; });
}

CheckResult check_internal(const OutputTree& tree, const std::vector<LinkOrigin>& origins) {
    CheckResult result;
    const std::vector<std::string> pages = tree.html_pages();
    result.pages = pages.size();
    // Parse every page once: its links, and its anchors for fragment checks.
    std::map<std::string, HtmlPage> parsed;
    for (const auto& page : pages) parsed.emplace(page, extract_links(tree.read(page)));

    auto origin_of = [&](const std::string& page, const std::string& href) {
        for (const auto& o : origins) {
            if (o.page == page && o.href == href) return o.where;
        }
        return SourceLocation{};
    };

    for (const auto& page : pages) {
        const HtmlPage& html = parsed.at(page);
        auto report = [&](const HtmlLink& link, Finding::Severity severity, std::string message) {
            result.findings.push_back({severity, page, link.line, link.column, link.url,
                                       std::move(message), origin_of(page, link.url)});
        };
        for (const auto& link : html.links) {
            ++result.links;
            // <a> with an empty href and "#" are placeholders for the page itself.
            if (link.url == "#" || link.url == "#top") continue;
            const Target target = resolve(page, link.url);
            switch (target.kind) {
                case Target::Kind::external: ++result.external_links; continue;
                case Target::Kind::mail:
                case Target::Kind::phone:
                case Target::Kind::other: continue;
                case Target::Kind::unsafe:
                    report(link, Finding::Severity::error, "unsafe link scheme");
                    continue;
                case Target::Kind::invalid:
                    report(link, Finding::Severity::error, "not a valid URL");
                    continue;
                case Target::Kind::same_page:
                case Target::Kind::internal: break;
            }
            if (target.escapes_root) {
                report(link, Finding::Severity::error, "goes above the top of the site");
                continue;
            }
            std::string path = target.path;
            if (path.empty() || path.back() == '/') {
                path += "index.html";
            } else if (tree.is_directory(path)) {
                // Servers redirect "members" to "members/", but from disk a
                // browser shows a folder listing.
                report(link, Finding::Severity::warning,
                       "links to the folder '" + target.path +
                           "' without a trailing slash; link to '" + target.path +
                           "/index.html' so it works from disk too");
                path += "/index.html";
            }
            if (!tree.is_file(path)) {
                report(link, Finding::Severity::error, "no such file: " + path);
                continue;
            }
            if (target.fragment.empty() || target.fragment == "top") continue;
            auto anchors = parsed.find(path);
            if (anchors == parsed.end()) continue;  // fragments are checked on HTML only
            if (!anchors->second.anchors.count(target.fragment)) {
                report(link, Finding::Severity::error,
                       "no element with id '" + target.fragment + "' in " + path);
            }
        }
        for (const auto& image : html.images_without_alt) {
            result.findings.push_back({Finding::Severity::error, page, image.line, image.column,
                                       image.src, "image has no alt attribute (use alt=\"\" for "
                                       "a decorative image)", {}});
        }
    }
    return result;
}

}  // namespace lspgen::links
