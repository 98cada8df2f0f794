#include "links/internal_check.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "base/parallel.hpp"
#include "links/html_links.hpp"
#include "links/html_scan.hpp"
#include "links/url.hpp"

namespace lspgen::links {

bool CheckResult::has_errors() const {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Severity::error; });
}

namespace {

/// Where a finding is on its page, for the exact reading: the k-th link to
/// the finding's URL, or the k-th image without alt text.
struct Place {
    bool image = false;
    size_t k = 0;
};

/// Beside each finding of a page: its link's place on the page (the report's
/// order) and its place for the exact reading. Kept apart from the findings,
/// so a page's findings move into the result whole.
struct Slot {
    size_t order = 0;
    Place place;
};

/// A page's findings, in the order they were found.
struct PageFindings {
    std::vector<Finding> findings;
    std::vector<Slot> slots;
    void add(size_t order, Finding finding, Place place) {
        findings.push_back(std::move(finding));
        slots.push_back({order, place});
    }
    /// Puts the findings in the order of their links on the page.
    void sort() {
        const auto by_order = [](const Slot& a, const Slot& b) { return a.order < b.order; };
        if (std::is_sorted(slots.begin(), slots.end(), by_order)) return;
        std::vector<size_t> index(slots.size());
        for (size_t i = 0; i < index.size(); ++i) index[i] = i;
        std::stable_sort(index.begin(), index.end(),
                         [&](size_t a, size_t b) { return slots[a].order < slots[b].order; });
        std::vector<Finding> sorted_findings;
        std::vector<Slot> sorted_slots;
        sorted_findings.reserve(index.size());
        sorted_slots.reserve(index.size());
        for (size_t i : index) {
            sorted_findings.push_back(std::move(findings[i]));
            sorted_slots.push_back(slots[i]);
        }
        findings = std::move(sorted_findings);
        slots = std::move(sorted_slots);
    }
};

/// The checker's fast pass knows only the line of each tag. For a page with
/// something to report, gumbo reads it again for the exact line and column of
/// each attribute: the k-th link to a URL is the k-th in both readings.
/// Not a page over kMostPlacedExactly bytes: gumbo's tree of a 50 MB page
/// takes some 900 MB, for columns; its findings keep their lines.
constexpr size_t kMostPlacedExactly = 4 << 20;
void place_exactly(std::string_view html, PageFindings& found) {
    const HtmlPage exact = extract_links(std::string(html));
    // Only the URLs with a finding: a page may hold a million links.
    std::unordered_map<std::string_view, std::vector<const HtmlLink*>> by_url;
    for (size_t i = 0; i < found.findings.size(); ++i) {
        if (!found.slots[i].place.image) by_url.emplace(found.findings[i].subject, 0);
    }
    for (const auto& link : exact.links) {
        auto it = by_url.find(link.url);
        if (it != by_url.end()) it->second.push_back(&link);
    }
    for (size_t i = 0; i < found.findings.size(); ++i) {
        Finding& finding = found.findings[i];
        const Place& place = found.slots[i].place;
        if (place.image) {
            if (place.k < exact.images_without_alt.size()) {
                finding.where.line = exact.images_without_alt[place.k].line;
                finding.where.column = exact.images_without_alt[place.k].column;
            }
            continue;
        }
        auto it = by_url.find(finding.subject);
        if (it != by_url.end() && place.k < it->second.size()) {
            finding.where.line = it->second[place.k]->line;
            finding.where.column = it->second[place.k]->column;
        }
    }
}

/// How many earlier links on the page go to the same URL as link i, asked
/// for in increasing i: each link is counted once, so a page with a million
/// links costs a million look-ups, not a million squared.
class EarlierSameUrl {
  public:
    explicit EarlierSameUrl(const std::vector<HtmlLink>& links) : links_(links) {}
    size_t operator()(size_t i) {
        if (seen_.empty()) seen_.reserve(links_.size());
        for (; counted_ < i; ++counted_) ++seen_[links_[counted_].url];
        auto it = seen_.find(links_[i].url);
        return it == seen_.end() ? 0 : it->second;
    }

  private:
    const std::vector<HtmlLink>& links_;
    std::unordered_map<std::string_view, size_t> seen_;
    size_t counted_ = 0;
};

/// A link to an element of another page ("x.html#id"), checked once every
/// page's anchors are known.
struct FragmentLink {
    size_t order = 0;  // the link's place on its page
    size_t page = 0;   // the page it points at
    std::string fragment;
    std::string url;
    int line = 0;
    size_t k = 0;  // earlier links on the page to the same URL
};

/// One page's share of the check.
struct PageResult {
    PageFindings found;
    std::vector<FragmentLink> fragment_links;
    /// False for a page that was not read (unreadable, nested too deep):
    /// its findings are placed already, and it offers no anchors.
    bool read = true;
    size_t links = 0;
    size_t external_links = 0;
};

}  // namespace

// One pass reads, parses and checks each page on every core, and keeps only
// the page's anchors: a region's 700,000 links are never all in memory.
// Links to an element of another page wait for a second, short pass.
CheckResult check_internal(const OutputTree& tree, const std::vector<LinkOrigin>& origins) {
    CheckResult result;
    const std::vector<std::string> pages = tree.html_pages();
    result.pages = pages.size();
    std::unordered_map<std::string_view, size_t> page_index;
    for (size_t i = 0; i < pages.size(); ++i) page_index.emplace(pages[i], i);

    // The first origin given for each page and link.
    std::unordered_map<std::string, const SourceLocation*> origin_index;
    for (const auto& o : origins) origin_index.emplace(o.page + '\0' + o.href, &o.where);
    auto origin_of = [&](const std::string& page, const std::string& href) {
        if (origin_index.empty()) return SourceLocation{};
        auto it = origin_index.find(page + '\0' + href);
        return it == origin_index.end() ? SourceLocation{} : *it->second;
    };

    std::vector<std::set<std::string>> anchors(pages.size());
    std::vector<PageResult> per_page(pages.size());
    std::vector<LinkResolver> resolvers(worker_count());
    std::vector<std::string> buffers(worker_count());
    parallel_for_workers(pages.size(), [&](size_t worker, size_t p) {
        const std::string& page = pages[p];
        PageResult& out = per_page[p];
        std::string error;
        const std::string_view bytes = tree.read(page, buffers[worker], &error);
        if (!error.empty()) {
            out.read = false;
            out.found.add(
                0, finding(Severity::error, page, 0, 0, {}, "cannot read the page: " + error), {});
            return;
        }
        HtmlPage html = scan_links(bytes);
        if (html.too_deep_line > 0) {
            out.read = false;
            out.found.add(0,
                          finding(Severity::error, page, html.too_deep_line, 0, {},
                                  "elements are nested more than " + std::to_string(kMaxNesting) +
                                      " deep here; lspgen does not read a page nested this "
                                      "deep, so none of its links was checked"),
                          {});
            return;
        }
        LinkResolver& resolver = resolvers[worker];
        EarlierSameUrl same_before(html.links);
        auto report = [&](size_t i, Severity severity, std::string message) {
            const HtmlLink& link = html.links[i];
            out.found.add(i,
                          finding(severity, page, link.line, link.column, link.url,
                                  std::move(message), origin_of(page, link.url)),
                          {false, same_before(i)});
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
                    report(i, Severity::error, "unsafe link scheme");
                    continue;
                case Target::Kind::invalid:
                    report(i, Severity::error, "not a valid URL");
                    continue;
                case Target::Kind::same_page:
                case Target::Kind::internal:
                    break;
            }
            if (target.escapes_root) {
                report(i, Severity::error, "goes above the top of the site");
                continue;
            }
            std::string path = target.path;
            if (path.empty() || path.back() == '/') {
                path += "index.html";
            } else if (!tree.is_file(path) && tree.is_directory(path)) {
                // Servers redirect "members" to "members/", but from disk a
                // browser shows a folder listing.
                report(i, Severity::warning,
                       "links to the folder '" + target.path +
                           "' without a trailing slash; link to '" + target.path +
                           "/index.html' so it works from disk too");
                path += "/index.html";
            }
            if (!tree.is_file(path)) {
                report(i, Severity::error, "no such file: " + path);
                continue;
            }
            if (target.fragment.empty() || target.fragment == "top") continue;
            auto target_page = page_index.find(path);
            if (target_page == page_index.end()) continue;  // fragments are checked on HTML only
            out.fragment_links.push_back(
                {i, target_page->second, target.fragment, link.url, link.line, same_before(i)});
        }
        for (size_t k = 0; k < html.images_without_alt.size(); ++k) {
            const MissingAlt& image = html.images_without_alt[k];
            out.found.add(
                html.links.size() + k,
                finding(Severity::error, page, image.line, image.column, image.src,
                        "image has no alt attribute (use alt=\"\" for a decorative image)"),
                {true, k});
        }
        anchors[p] = std::move(html.anchors);
    });
    // Every page's anchors are known: the fragments, then each page with
    // findings read again for their exact places.
    parallel_for_workers(pages.size(), [&](size_t worker, size_t p) {
        const std::string& page = pages[p];
        PageResult& out = per_page[p];
        for (const FragmentLink& link : out.fragment_links) {
            // A page that could not be read has its own error; its anchors are unknown.
            if (!per_page[link.page].read || anchors[link.page].count(link.fragment)) continue;
            out.found.add(
                link.order,
                finding(Severity::error, page, link.line, 0, link.url,
                        "no element with id '" + link.fragment + "' in " + pages[link.page],
                        origin_of(page, link.url)),
                {false, link.k});
        }
        out.fragment_links = {};
        if (out.found.findings.empty() || !out.read) return;
        // In the order of the links on the page, then the images: they are,
        // unless a link to another page's element was found broken since.
        out.found.sort();
        const std::string_view html = tree.read(page, buffers[worker]);
        if (html.size() <= kMostPlacedExactly) place_exactly(html, out.found);
    });
    size_t findings = 0;
    size_t pages_with_findings = 0;
    for (const auto& page : per_page) {
        findings += page.found.findings.size();
        pages_with_findings += page.found.findings.empty() ? 0 : 1;
    }
    for (auto& page : per_page) {
        result.links += page.links;
        result.external_links += page.external_links;
        // One page with findings (a page may have a million): taken whole.
        if (pages_with_findings == 1 && !page.found.findings.empty()) {
            result.findings = std::move(page.found.findings);
        } else {
            if (result.findings.capacity() < findings) result.findings.reserve(findings);
            std::move(page.found.findings.begin(), page.found.findings.end(),
                      std::back_inserter(result.findings));
        }
        page.found = {};
    }
    return result;
}

}  // namespace lspgen::links
