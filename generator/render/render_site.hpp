#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/link_origin.hpp"
#include "model/site.hpp"
#include "render/calendar.hpp"
#include "render/open_data.hpp"
#include "theme/theme.hpp"

namespace lspgen {

/// A generated file: its path in the output tree and its bytes.
struct OutputFile {
    std::string path;
    std::string content;
};

/// A file copied as it is (photos, PDFs, theme CSS).
struct CopiedFile {
    std::filesystem::path source;
    std::string path;
};

/// A page of the site, for the site map and sitemap.xml.
struct PageEntry {
    std::string path;  // "members/nick/index.html"
    std::string title;
};

/// Everything a site's output holds, in memory, ready to publish.
struct RenderedSite {
    std::vector<OutputFile> files;
    /// Every page written, in the order written (404.html aside): what
    /// sitemap.xml and the site map page list.
    std::vector<PageEntry> pages;
    std::vector<CopiedFile> copies;
    /// Links rendered from the site's Markdown, with their source places.
    std::vector<LinkOrigin> origins;
};

/// Renders every page of `site` with `theme`. `today` decides which meetings
/// are upcoming. Template failures are reported; gives nullopt on any.
/// `audit` is the site's own transparency audit, which data.json publishes.
std::optional<RenderedSite> render_site(const Site& site, const Theme& theme, const Date& today,
                                        Diagnostics& diagnostics,
                                        const std::vector<render::AuditFinding>& audit = {});

namespace render {
class Views;
/// One function per page kind; each appends its output to `out`.
bool render_home(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_members(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_meetings(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_documents(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_how_we_work(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_contact(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_pages(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_not_found(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
/// /accessibility/: the accessibility statement, from the site's data.
bool render_accessibility(const Views& views, const Theme& theme, RenderedSite& out,
                          Diagnostics& d);
bool render_jargon(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_news(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_events(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
bool render_performance(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);
/// feed.xml (Atom), when the site has news.
void render_atom_feed(const Site& site, RenderedSite& out);
/// meetings.ics: every meeting and event.
void render_calendar(const Site& site, const Date& today, RenderedSite& out);
/// An event's anchor on the events page ("event-fun-day"), its address
/// there (empty without a base_url) and its iCalendar UID: the same in the
/// site's own meetings.ics and in the hub's regional calendar.
std::string event_anchor(const Event& event);
std::string event_url(const Site& site, const Event& event);
std::string event_uid(const Site& site, const Event& event);

/// A calendar of `site`'s, named `name`: lspgen's PRODID, `today` as its
/// stamp, and the site as organiser (RFC 5546), for entries to be added.
calendar::Calendar site_calendar(const Site& site, const std::string& name, const Date& today);

/// /site-map/: every page of the site, by section (WCAG 2.4.5, multiple
/// ways), from the same list as sitemap.xml. Run after every other page.
bool render_site_map(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d);

/// sitemap.xml (when base_url is set) and robots.txt.
void render_sitemap(const Site& site, RenderedSite& out);

/// A step that renders some of a site's pages into `out`; false when a
/// template failed (reported in `d`).
using PageStep =
    std::function<bool(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d)>;
/// The files a site writes beside its pages (calendar, data.json).
using FileStep = std::function<void(RenderedSite& out)>;

/// How every site is put together, a partnership's and the hub's alike:
/// `pages` in order, then the sitemap and feed (which list those pages),
/// then `files`, then the copies: assets/, every file the data names, and
/// the theme's static files. Gives nullopt when a page step fails.
std::optional<RenderedSite> assemble(const Site& site, const Theme& theme, const Date& today,
                                     const std::vector<PageStep>& pages, const FileStep& files,
                                     Diagnostics& diagnostics);
}  // namespace render

}  // namespace lspgen
