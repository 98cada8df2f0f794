#include "links/internal_check.hpp"

#include <algorithm>
#include <map>

#include "links/html_links.hpp"
#include "links/html_scan.hpp"
#include "links/url.hpp"
#include "parallel.hpp"

namespace lspgen::links {

bool CheckResult::has_errors() const {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Finding::Severity::error; });
}

namespace {

/// The checker's fast pass knows only the line of each tag. For a page with
/// something to report, gumbo reads it again for the exact line and column of
/// each attribute: the k-th link to a URL is the k-th in both readings.
void place_exactly(const std::string& html, const HtmlPage& fast, std::vector<Finding>& findings,
                   const std::vector<long>& link_of) {
    const HtmlPage exact = extract_links(html);
    std::map<std::string, std::vector<const HtmlLink*>> by_url;
    for (const auto& link : exact.links) by_url[link.url].push_back(&link);
    for (size_t f = 0; f < findings.size(); ++f) {
        Finding& finding = findings[f];
        if (link_of[f] < 0) {  // an image without alt: the k-th one
            const auto k = static_cast<size_t>(-link_of[f] - 1);
            if (k < exact.images_without_alt.size()) {
                finding.line = exact.images_without_alt[k].line;
                finding.column = exact.images_without_alt[k].column;
            }
            continue;
        }
        const auto i = static_cast<size_t>(link_of[f]);
        size_t k = 0;
        for (size_t j = 0; j < i; ++j) k += fast.links[j].url == fast.links[i].url ? 1 : 0;
        auto it = by_url.find(fast.links[i].url);
        if (it != by_url.end() && k < it->second.size()) {
            finding.line = it->second[k]->line;
            finding.column = it->second[k]->column;
        }
    }
}

}  // namespace

CheckResult check_internal(const OutputTree& tree, const std::vector<LinkOrigin>& origins) {
    CheckResult result;
    const std::vector<std::string> pages = tree.html_pages();
    result.pages = pages.size();
    // Parse every page once, on every core: its links, and its anchors for
    // fragment checks.
    std::vector<HtmlPage> parsed(pages.size());
    parallel_for(pages.size(), [&](size_t i) { parsed[i] = scan_links(tree.read(pages[i])); });
    std::map<std::string_view, const HtmlPage*> by_path;
    for (size_t i = 0; i < pages.size(); ++i) by_path.emplace(pages[i], &parsed[i]);

    auto origin_of = [&](const std::string& page, const std::string& href) {
        for (const auto& o : origins) {
            if (o.page == page && o.href == href) return o.where;
        }
        return SourceLocation{};
    };

    // Each page's findings, checked on every core, then gathered in page order.
    struct PageResult {
        std::vector<Finding> findings;
        size_t links = 0;
        size_t external_links = 0;
    };
    std::vector<PageResult> per_page(pages.size());
    std::vector<LinkResolver> resolvers(worker_count());
    parallel_for_workers(pages.size(), [&](size_t worker, size_t p) {
        const std::string& page = pages[p];
        const HtmlPage& html = parsed[p];
        PageResult& out = per_page[p];
        std::vector<long> link_of;  // for each finding, its link (or -1 - image)
        LinkResolver& resolver = resolvers[worker];
        auto report = [&](size_t i, Finding::Severity severity, std::string message) {
            const HtmlLink& link = html.links[i];
            out.findings.push_back({severity, page, link.line, link.column, link.url,
                                    std::move(message), origin_of(page, link.url)});
            link_of.push_back(static_cast<long>(i));
        };
        for (size_t i = 0; i < html.links.size(); ++i) {
            const HtmlLink& link = html.links[i];
            ++out.links;
            // <a> with an empty href and "#" are placeholders for the page itself.
            if (link.url == "#" || link.url == "#top") continue;
            const Target& target = resolver.resolve(page, link.url);
            switch (target.kind) {
                case Target::Kind::external:
                    ++out.external_links;
                    continue;
                case Target::Kind::mail:
                case Target::Kind::phone:
                case Target::Kind::other:
                    continue;
                case Target::Kind::unsafe:
                    report(i, Finding::Severity::error, "unsafe link scheme");
                    continue;
                case Target::Kind::invalid:
                    report(i, Finding::Severity::error, "not a valid URL");
                    continue;
                case Target::Kind::same_page:
                case Target::Kind::internal:
                    break;
            }
            if (target.escapes_root) {
                report(i, Finding::Severity::error, "goes above the top of the site");
                continue;
            }
            std::string path = target.path;
            if (path.empty() || path.back() == '/') {
                path += "index.html";
            } else if (!tree.is_file(path) && tree.is_directory(path)) {
                // Servers redirect "members" to "members/", but from disk a
                // browser shows a folder listing.
                report(i, Finding::Severity::warning,
                       "links to the folder '" + target.path +
                           "' without a trailing slash; link to '" + target.path +
                           "/index.html' so it works from disk too");
                path += "/index.html";
            }
            if (!tree.is_file(path)) {
                report(i, Finding::Severity::error, "no such file: " + path);
                continue;
            }
            if (target.fragment.empty() || target.fragment == "top") continue;
            auto anchors = by_path.find(path);
            if (anchors == by_path.end()) continue;  // fragments are checked on HTML only
            if (!anchors->second->anchors.count(target.fragment)) {
                report(i, Finding::Severity::error,
                       "no element with id '" + target.fragment + "' in " + path);
            }
        }
        for (size_t k = 0; k < html.images_without_alt.size(); ++k) {
            const MissingAlt& image = html.images_without_alt[k];
            out.findings.push_back({Finding::Severity::error,
                                    page,
                                    image.line,
                                    image.column,
                                    image.src,
                                    "image has no alt attribute (use alt=\"\" for "
                                    "a decorative image)",
                                    {}});
            link_of.push_back(-static_cast<long>(k) - 1);
        }
        if (!out.findings.empty()) place_exactly(tree.read(page), html, out.findings, link_of);
    });
    for (auto& page : per_page) {
        result.links += page.links;
        result.external_links += page.external_links;
        for (auto& finding : page.findings) result.findings.push_back(std::move(finding));
    }
    return result;
}

}  // namespace lspgen::links
