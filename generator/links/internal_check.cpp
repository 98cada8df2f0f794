#include "links/internal_check.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "base/parallel.hpp"
#include "base/text.hpp"
#include "base/url_safety.hpp"
#include "links/html_links.hpp"
#include "links/html_scan.hpp"
#include "links/link_rules.hpp"
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
            if (place.k < exact.element_problems.size()) {
                finding.where.line = exact.element_problems[place.k].line;
                finding.where.column = exact.element_problems[place.k].column;
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

/// A link to an element of a page ("x.html#id"), checked once every page's
/// anchors are known.
struct FragmentLink {
    size_t order = 0;  // the link's place on its page
    size_t page = 0;   // the page it points at
    std::string fragment_raw;
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
    /// Whether its own links are checked (--root, --exclude-path), and
    /// whether its anchors are known yet.
    bool checked = false;
    bool anchors_known = false;
    size_t links = 0;
    size_t external_links = 0;
};

bool is_top(const std::string& fragment) {
    return fragment.size() == 3 && (fragment[0] | 0x20) == 't' && (fragment[1] | 0x20) == 'o' &&
           (fragment[2] | 0x20) == 'p';
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::vector<std::string> pages_to_check(const OutputTree& tree, const CheckOptions& options) {
    std::vector<std::string> pages;
    for (auto& page : tree.html_pages()) {
        if (!starts_with(page, options.pages_under)) continue;
        const bool excluded =
            std::any_of(options.excluded_folders.begin(), options.excluded_folders.end(),
                        [&](const std::string& folder) { return starts_with(page, folder); });
        if (!excluded) pages.push_back(std::move(page));
    }
    return pages;
}

// One pass reads, parses and checks each page on every core, and keeps only
// the page's anchors: a region's 700,000 links are never all in memory.
// Links to an element of another page wait for a second, short pass.
CheckResult check_internal(const OutputTree& tree, const std::vector<LinkOrigin>& origins,
                           const CheckOptions& options) {
    CheckResult result;
    // Every page of the tree can be a link's target; only some are checked.
    const std::vector<std::string> pages = tree.html_pages();
    std::unordered_map<std::string_view, size_t> page_index;
    for (size_t i = 0; i < pages.size(); ++i) page_index.emplace(pages[i], i);
    std::vector<PageResult> per_page(pages.size());
    for (const auto& page : pages_to_check(tree, options)) {
        per_page[page_index.at(page)].checked = true;
        ++result.pages;
    }

    // The first origin given for each page and link.
    std::unordered_map<std::string, const SourceLocation*> origin_index;
    for (const auto& o : origins) origin_index.emplace(o.page + '\0' + o.href, &o.where);
    auto origin_of = [&](const std::string& page, const std::string& href) {
        if (origin_index.empty()) return SourceLocation{};
        auto it = origin_index.find(page + '\0' + href);
        return it == origin_index.end() ? SourceLocation{} : *it->second;
    };

    std::vector<std::set<std::string>> anchors(pages.size());
    std::vector<LinkResolver> resolvers;
    for (size_t i = 0; i < worker_count(); ++i) resolvers.emplace_back(options.site);
    std::vector<std::string> buffers(worker_count());
    parallel_for_workers(pages.size(), [&](size_t worker, size_t p) {
        const std::string& page = pages[p];
        PageResult& out = per_page[p];
        if (!out.checked) return;
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
        const std::string* base = html.has_base ? &html.base_href : nullptr;
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
            if (link.attribute == "usemap") {
                // A hash-name reference to a <map name> on this page.
                const std::string& name = link.url;
                if (name.size() < 2 || name[0] != '#') {
                    report(i, Severity::error, "usemap must be '#' and the name of a <map>");
                } else if (!html.map_names.count(name.substr(1))) {
                    report(i, Severity::error,
                           "no <map name=\"" + name.substr(1) + "\"> on this page");
                }
                continue;
            }
            if (link.url.empty() || link.url.find_first_not_of(" \t\n\r\f") == std::string::npos) {
                if (empty_is_error(link.tag, link.attribute)) {
                    report(i, Severity::error,
                           "empty " + link.attribute + " on <" + link.tag +
                               ">: it names nothing to load");
                    continue;
                }
                if (!base) continue;  // the page itself
            }
            const Target& target = resolver.resolve(page, link.url, base);
            switch (target.kind) {
                case Target::Kind::external:
                    ++out.external_links;
                    continue;
                case Target::Kind::mail:
                case Target::Kind::phone:
                case Target::Kind::other:
                    continue;
                case Target::Kind::unsafe: {
                    const std::string scheme = unsafe_scheme(link.url);
                    // An embedded data: image or font is valid markup; a
                    // link, frame or form to data: is refused by browsers.
                    if (scheme == "data:" && !navigates(link.tag, link.attribute)) continue;
                    report(i, Severity::error, "unsafe link scheme " + scheme);
                    continue;
                }
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
            const Lookup found =
                look_up(tree, target.path, options.index_files, options.fallback_extensions);
            switch (found.result) {
                case Lookup::Result::file:
                    break;
                case Lookup::Result::folder_without_slash:
                    // Servers redirect "members" to "members/", but from disk a
                    // browser shows a folder listing.
                    report(
                        i, Severity::warning,
                        "links to a folder without a trailing slash; link to '" +
                            text::shorten(href_with_file(clean_href(link.url), found.index_file)) +
                            "' so it works from disk too");
                    break;
                case Lookup::Result::folder_without_index:
                    report(i, Severity::error,
                           "the folder " + text::shorten(found.file) + " has no " +
                               either_of(options.index_files));
                    continue;
                case Lookup::Result::missing:
                    report(i, Severity::error, "no such file: " + text::shorten(found.file));
                    continue;
            }
            if (target.fragment_raw.empty() || is_top(target.fragment)) continue;
            auto target_page = page_index.find(found.file);
            if (target_page == page_index.end()) continue;  // fragments are checked on HTML only
            out.fragment_links.push_back({i, target_page->second, target.fragment_raw,
                                          target.fragment, link.url, link.line, same_before(i)});
        }
        for (size_t k = 0; k < html.element_problems.size(); ++k) {
            const ElementProblem& problem = html.element_problems[k];
            out.found.add(html.links.size() + k,
                          finding(Severity::error, page, problem.line, problem.column, problem.src,
                                  describe(problem)),
                          {true, k});
        }
        anchors[p] = std::move(html.anchors);
        out.anchors_known = true;
    });
    // The pages not checked that checked links point into: their anchors.
    std::vector<char> wanted(pages.size());
    for (const auto& page : per_page) {
        for (const auto& link : page.fragment_links) {
            if (!per_page[link.page].anchors_known) wanted[link.page] = 1;
        }
    }
    parallel_for_workers(pages.size(), [&](size_t worker, size_t p) {
        if (!wanted[p]) return;
        std::string error;
        const std::string_view bytes = tree.read(pages[p], buffers[worker], &error);
        HtmlPage html = scan_links(bytes);
        per_page[p].read = error.empty() && html.too_deep_line == 0;
        anchors[p] = std::move(html.anchors);
    });
    // Every page's anchors are known: the fragments, then each page with
    // findings read again for their exact places.
    parallel_for_workers(pages.size(), [&](size_t worker, size_t p) {
        const std::string& page = pages[p];
        PageResult& out = per_page[p];
        for (const FragmentLink& link : out.fragment_links) {
            // A page that could not be read has its own error; its anchors are unknown.
            // A browser looks for the id as written, then percent-decoded.
            if (!per_page[link.page].read || anchors[link.page].count(link.fragment_raw) ||
                anchors[link.page].count(link.fragment)) {
                continue;
            }
            out.found.add(link.order,
                          finding(Severity::error, page, link.line, 0, link.url,
                                  "no element with id '" + text::shorten(link.fragment_raw) +
                                      "' in " + pages[link.page],
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
        // Top to bottom, as a reader fixes them: an image's problem among the links.
        std::stable_sort(out.found.findings.begin(), out.found.findings.end(),
                         [](const Finding& a, const Finding& b) {
                             return std::tie(a.where.line, a.where.column) <
                                    std::tie(b.where.line, b.where.column);
                         });
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
