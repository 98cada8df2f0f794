// What the hub knows about each partnership, from local folders, remote
// data.json (with the cache) or the hub's own site.yaml.
#include <cstdlib>
#include <ctime>
#include <map>

#include "audit/audit.hpp"
#include "hub/hub.hpp"
#include "model/fields.hpp"
#include "model/load_site.hpp"
#include "render/open_data.hpp"

namespace lspgen::hub {

namespace fs = std::filesystem;

namespace {

std::string url_host(const std::string& url) {
    const size_t start = url.find("://");
    if (start == std::string::npos) return url;
    const size_t end = url.find('/', start + 3);
    return url.substr(start + 3, end == std::string::npos ? std::string::npos : end - start - 3);
}

constexpr std::int64_t kDay = 86400;

/// The build's day on the hub's one clock: `today` (the --now date, or
/// SOURCE_DATE_EPOCH's, else the computer's), at 00:00 UTC.
std::int64_t day_seconds(const Date& day) {
    return std::int64_t{day.days_since_epoch()} * kDay;
}

Date day_of(std::int64_t seconds) {
    return Date::from_days_since_epoch(static_cast<long>(seconds / kDay));
}

/// How old a copy fetched on `fetched` is at a build on `today`, in days.
std::string age_text(const Date& fetched, const Date& today) {
    const long days = today.days_since_epoch() - fetched.days_since_epoch();
    if (days < 0) return "fetched after this build's date";
    if (days == 0) return "fetched on the day of this build";
    return std::to_string(days) + (days == 1 ? " day" : " days") + " before this build";
}

/// A partnership's page address, from the hub's own configuration only and
/// never from what a server sends, so that it stays the same whether or not
/// a fetch works: a local site's folder name, else the entry's `name`, else
/// its data URL ("http://127.0.0.1:8080/data.json" → "127-0-0-1-8080").
std::string configured_slug(const PartnershipEntry& entry) {
    if (!entry.site_dir.empty()) {
        fs::path dir = fs::absolute(entry.site_dir).lexically_normal();
        if (dir.filename().empty()) dir = dir.parent_path();
        return slugify(dir.filename().string());
    }
    if (!entry.name.empty()) return slugify(entry.name);
    std::string url = entry.data_url;
    if (const size_t scheme = url.find("://"); scheme != std::string::npos) {
        url.erase(0, scheme + 3);
    }
    if (url.rfind("www.", 0) == 0) url.erase(0, 4);
    const std::string file = "data.json";
    if (url.size() >= file.size() &&
        url.compare(url.size() - file.size(), file.size(), file) == 0) {
        url.erase(url.size() - file.size());
    }
    return slugify(url);
}

/// The user's cache folder for copies of partnerships' data.json:
/// $XDG_CACHE_HOME/lspgen/hub-data, else ~/.cache/lspgen/hub-data, else
/// .lspgen-cache beside OUT. Never inside a site's source. Copies are kept
/// by URL, so hubs may share it.
fs::path default_cache_dir(const fs::path& out_dir) {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg && *xdg && fs::path(xdg).is_absolute()) return fs::path(xdg) / "lspgen" / "hub-data";
    const char* home = std::getenv("HOME");
    if (home && *home && fs::path(home).is_absolute()) {
        return fs::path(home) / ".cache" / "lspgen" / "hub-data";
    }
    fs::path out = fs::absolute(out_dir.empty() ? fs::path("public") : out_dir).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();
    return out.parent_path() / ".lspgen-cache";
}

/// What the hub's site.yaml says, for a partnership whose data cannot be read.
void apply_entry(const PartnershipEntry& entry, Partnership& p, bool fill_only) {
    auto set = [&](std::string& field, const std::string& value) {
        if (!value.empty() && (!fill_only || field.empty())) field = value;
    };
    set(p.name, entry.name);
    set(p.area, entry.area);
    set(p.county, entry.county);
    set(p.website, entry.website);
    set(p.hosted_by, entry.hosted_by);
    p.note = entry.note;
    if (entry.independent && (!fill_only || !p.independent)) p.independent = entry.independent;
    if (!p.website.empty() && p.website.back() != '/' &&
        p.website.find('/', p.website.find("://") + 3) == std::string::npos) {
        p.website += '/';
    }
    if (p.short_name.empty()) p.short_name = p.name;
}

Partnership from_folder(const PartnershipEntry& entry, const Date& today, Diagnostics& warnings) {
    Partnership p;
    p.slug = configured_slug(entry);
    p.source = Source::folder;
    p.source_text = entry.site_display;
    Diagnostics local;
    auto site = load_site(entry.site_dir, entry.site_display, local);
    if (!site) {
        warnings.warning(entry.where, "the data of partnership " + entry.site_display + " has " +
                                          std::to_string(local.error_count()) +
                                          " errors (run 'lspgen build " + entry.site_display +
                                          "' to see them); the hub lists it with what this "
                                          "entry says");
        p.freshness = Freshness::unavailable;
        p.problem = "its data has errors";
        apply_entry(entry, p, false);
        if (p.name.empty()) p.name = entry.site_display;
        return p;
    }
    if (site->kind == SiteKind::hub) {
        warnings.warning(entry.where, entry.site_display +
                                          " is a hub, not a partnership: a hub does not list "
                                          "another hub");
        p.freshness = Freshness::unavailable;
        p.problem = "it is a hub, not a partnership";
        apply_entry(entry, p, false);
        if (p.name.empty()) p.name = site->settings.name;
        return p;
    }
    // The same reader as for remote partnerships, so that both are shown alike.
    const std::string text = render::site_data_json(*site, today);
    audit::Evidence ignored;
    if (!read_open_data(text, entry.site_display + "/data.json", site->settings.base_url, today, p,
                        ignored, warnings)) {
        p.freshness = Freshness::unavailable;
    }
    p.audit = audit::run(audit::evidence_from_site(*site, today));
    apply_entry(entry, p, true);
    return p;
}

Partnership from_data_url(const PartnershipEntry& entry, const std::optional<CachedCopy>& cached,
                          const FetchResult& fetched, const DataCache& cache,
                          const HubOptions& options, Diagnostics& warnings) {
    Partnership p;
    p.slug = configured_slug(entry);  // set first: what arrives never changes it
    p.source = Source::data;
    p.source_text = entry.data_url;
    const std::string& url = entry.data_url;
    const std::string base = url.substr(0, url.rfind('/') + 1);

    auto use = [&](const std::string& body, Diagnostics& into) {
        Partnership candidate = p;
        audit::Evidence evidence;
        if (!read_open_data(body, url, base, options.today, candidate, evidence, into)) {
            return false;
        }
        candidate.audit = audit::run(evidence);
        p = std::move(candidate);
        return true;
    };
    std::string problem = fetched.problem;
    if (fetched.status != FetchResult::Status::failed) {
        if (use(fetched.body, warnings)) {
            CachedCopy copy{url, fetched.body, fetched.etag, fetched.last_modified,
                            day_seconds(options.today)};
            std::string error;
            if (!cache.store(copy, error)) warnings.warning(entry.where, error);
            apply_entry(entry, p, true);
            return p;
        }
        problem = "what it sent is not usable data.json (see the warnings above)";
    } else {
        warnings.warning(entry.where, "cannot fetch " + url + ": " + problem);
    }
    p.problem = problem;
    Diagnostics old_copy;  // the cached copy was checked when it was stored
    if (cached && use(cached->body, old_copy)) {
        p.freshness = Freshness::stale;
        const Date fetched_on = day_of(cached->fetched_at);
        p.fetched_text = fetched_on.text();
        p.age_text = age_text(fetched_on, options.today);
        p.problem = problem;
        warnings.warning(entry.where, "using the last good copy of " + url + ", fetched on " +
                                          p.fetched_text + " (" + p.age_text +
                                          "; the hub's clock is the build's date)");
    } else {
        p.freshness = Freshness::unavailable;
        warnings.warning(entry.where, "no earlier copy of " + url +
                                          " is cached: the hub lists the partnership with what "
                                          "this entry says");
    }
    apply_entry(entry, p, p.freshness == Freshness::stale);
    if (p.name.empty()) p.name = url_host(url);
    return p;
}

}  // namespace

std::vector<Partnership> gather(const Site& hub, const HubOptions& options, Diagnostics& warnings) {
    const HubSettings& settings = hub.hub;
    fs::path cache_dir = options.cache_dir;
    if (cache_dir.empty()) {
        cache_dir = settings.cache_dir.empty() ? default_cache_dir(options.out_dir)
                                               : hub.dir / settings.cache_dir;
    }
    const DataCache cache(cache_dir);
    // Every remote data.json at once, so that silent servers cost one
    // timeout (and never more than the deadline), not one each.
    std::vector<std::optional<CachedCopy>> cached(settings.entries.size());
    std::vector<FetchRequest> requests;
    for (size_t i = 0; i < settings.entries.size(); ++i) {
        const PartnershipEntry& entry = settings.entries[i];
        if (!entry.site_dir.empty() || entry.data_url.empty()) continue;
        cached[i] = cache.load(entry.data_url);
        requests.push_back({entry.data_url, cached[i] ? &*cached[i] : nullptr});
    }
    const std::vector<FetchResult> fetched = fetch_all(requests, options.fetch);

    std::vector<Partnership> all;
    std::vector<SourceLocation> where;
    size_t next_fetched = 0;
    for (size_t i = 0; i < settings.entries.size(); ++i) {
        const PartnershipEntry& entry = settings.entries[i];
        Partnership p;
        if (!entry.site_dir.empty()) {
            p = from_folder(entry, options.today, warnings);
        } else if (!entry.data_url.empty()) {
            p = from_data_url(entry, cached[i], fetched[next_fetched++], cache, options, warnings);
        } else {
            apply_entry(entry, p, false);
            p.source = Source::listed;
            p.slug = configured_slug(entry);
        }
        all.push_back(std::move(p));
        where.push_back(entry.where);
    }
    give_own_pages(all, where, warnings);
    return all;
}

void give_own_pages(std::vector<Partnership>& all, const std::vector<SourceLocation>& where,
                    Diagnostics& warnings) {
    // slug → whose page it is; the hub's own pages under partnerships/ first.
    std::map<std::string, std::string> slugs = {
        {"by-county", "the hub's page of partnerships by county"}};
    for (size_t i = 0; i < all.size(); ++i) {
        Partnership& p = all[i];
        const std::string wanted = p.slug;
        if (auto taken = slugs.find(wanted); taken != slugs.end()) {
            for (int n = 2; slugs.count(p.slug); ++n) p.slug = wanted + "-" + std::to_string(n);
            warnings.warning(i < where.size() ? where[i] : SourceLocation{},
                             "the page partnerships/" + wanted + "/ is " + taken->second + ", so " +
                                 p.name + " is at partnerships/" + p.slug + "/");
        }
        slugs.emplace(p.slug, "the page of " + p.name);
    }
}

}  // namespace lspgen::hub
