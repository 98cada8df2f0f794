#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "hub/fetch.hpp"
#include "hub/partnership.hpp"
#include "model/site.hpp"
#include "render/render_site.hpp"
#include "theme/theme.hpp"

namespace lspgen::hub {

struct HubOptions {
    /// The hub's one clock: which meetings are coming, and the day a copy
    /// of a data.json is recorded as fetched and its age measured from.
    Date today;
    /// Where copies of remote data.json are kept between builds. Empty: the
    /// hub's `cache_dir` from site.yaml (relative to the hub folder), else
    /// the user's cache folder ($XDG_CACHE_HOME/lspgen/hub-data, else
    /// ~/.cache/lspgen/hub-data), else .lspgen-cache beside `out_dir`.
    std::filesystem::path cache_dir;
    /// The build's OUT, for the last default above.
    std::filesystem::path out_dir;
    FetchOptions fetch;
};

/// Everything the hub knows about each partnership: local folders are loaded
/// and audited, remote data.json fetched (or taken from the cache), listed
/// ones taken as written. One partnership's fault is a warning, never an
/// error: the partnership is then shown from its last good copy (stale) or
/// with what the hub's site.yaml says.
std::vector<Partnership> gather(const Site& hub, const HubOptions& options, Diagnostics& warnings);

/// Gives each partnership a page of its own, partnerships/<slug>/: a slug
/// that the hub's own pages (by-county) or an earlier partnership already
/// have becomes "<slug>-2" ("-3"…), with a warning at `where[i]`. Two pages
/// at one path would fail the build; the order of `all` decides who moves.
void give_own_pages(std::vector<Partnership>& all, const std::vector<SourceLocation>& where,
                    Diagnostics& warnings);

/// Renders the hub's pages: home, directory (A–Z and by county), a page per
/// partnership, the transparency scorecard, the regional calendar and
/// meetings.ics, plus the shared pages (jargon-buster, news, events, pages
/// such as the FAQ, contact, 404).
std::optional<RenderedSite> render_hub(const Site& hub, const std::vector<Partnership>& all,
                                       const Theme& theme, const Date& today,
                                       Diagnostics& diagnostics);

/// The hub's /data.json: every partnership as the hub shows it, with its
/// audit result and whether the hub's copy is current, stale or missing.
/// The hub's own events as a pseudo-partnership, so that the regional
/// calendar and data.json hold them beside the partnerships' meetings. Its
/// empty slug sends links to the hub's events page. Its events are in the
/// order of hub.events.
Partnership hub_events(const Site& hub);

std::string hub_data_json(const Site& hub, const std::vector<Partnership>& all, const Date& today);

}  // namespace lspgen::hub
