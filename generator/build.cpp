#include "build.hpp"

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <sstream>

#include "audit/audit.hpp"
#include "audit/report.hpp"
#include "colour.hpp"
#include "hub/hub.hpp"
#include "links/internal_check.hpp"
#include "links/report.hpp"
#include "model/load_site.hpp"
#include "publish.hpp"
#include "render/render_site.hpp"
#include "theme.hpp"

namespace lspgen {

namespace fs = std::filesystem;

std::optional<Date> resolve_today(const std::string& now_option, std::string& error) {
    if (!now_option.empty()) {
        std::string why;
        auto date = parse_date(now_option, why);
        if (!date) error = "--now: " + why;
        return date;
    }
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        errno = 0;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (errno != 0 || *end != '\0' || seconds < 0) {
            error =
                "SOURCE_DATE_EPOCH must be a number of seconds, not '" + std::string(epoch) + "'";
            return std::nullopt;
        }
        return Date::from_days_since_epoch(static_cast<long>(seconds / 86400));
    }
    const auto now = std::chrono::system_clock::now();
    const auto days =
        std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
    return Date::from_days_since_epoch(static_cast<long>(days));
}

void check_brand_contrast(const std::string& brand_colour, const SourceLocation& where,
                          const ThemeColours& colours, Diagnostics& diagnostics) {
    const auto brand = parse_hex_colour(brand_colour);
    if (!brand) return;
    const std::pair<const char*, std::string> pairs[] = {{"header text", colours.text_on_brand},
                                                         {"header links", colours.link_on_brand}};
    for (const auto& [what, colour] : pairs) {
        const auto other = parse_hex_colour(colour);
        if (!other) continue;
        const double ratio = contrast_ratio(*brand, *other);
        if (ratio >= kMinimumTextContrast) continue;
        std::ostringstream shortfall;
        shortfall << std::fixed << std::setprecision(2) << (kMinimumTextContrast - ratio);
        diagnostics.error(where,
                          "brand_colour " + brand_colour + " gives a contrast of only " +
                              format_ratio(ratio) + " with the theme's " + what + " (" + colour +
                              "); WCAG AA needs 4.5:1, so it is " + shortfall.str() +
                              " short: choose a darker colour",
                          static_cast<int>(brand_colour.size()) + 2);
        return;  // the same colour would fail the second pair for the same reason
    }
}

namespace {

std::string display_name(std::string path) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
}

struct BuiltSite {
    std::string slug;
    RenderedSite rendered;
};

}  // namespace

int build(const BuildOptions& options, std::ostream& out, std::ostream& err) {
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    Diagnostics diagnostics;
    // Good-practice advice and hub warnings: printed unless quiet, never errors.
    Diagnostics advice;
    std::vector<BuiltSite> built;
    std::map<std::string, std::string> slugs;
    // Seconds spent in each stage, for --verbose.
    double load_seconds = 0, render_seconds = 0, check_seconds = 0;
    auto seconds_since = [](Clock::time_point t) {
        return std::chrono::duration<double>(Clock::now() - t).count();
    };

    // Load, validate and render every site before writing anything.
    for (const auto& site_arg : options.sites) {
        auto lap = Clock::now();
        const std::string display = display_name(site_arg);
        auto site = load_site(site_arg, display, diagnostics);
        if (!site) continue;
        if (auto [it, fresh] = slugs.emplace(site->slug, display); !fresh) {
            diagnostics.error({display, 0, 0}, "two sites have the folder name '" + site->slug +
                                                   "' (" + it->second + " and " + display +
                                                   "); each site needs its own output folder");
            continue;
        }
        auto theme = Theme::load(options.themes_dir, site->settings.theme, site->dir / "templates",
                                 display + "/templates", diagnostics);
        if (!theme) continue;
        if (!site->settings.brand_colour.empty()) {
            check_brand_contrast(site->settings.brand_colour, site->settings.brand_colour_where,
                                 theme->colours(), diagnostics);
        }
        if (diagnostics.has_errors()) continue;
        load_seconds += seconds_since(lap);
        lap = Clock::now();
        if (site->kind == SiteKind::hub) {
            // One partnership's fault is a warning (in advice), never an error.
            const auto settings = hub::read_hub_settings(*site, diagnostics);
            if (diagnostics.has_errors()) continue;
            hub::HubOptions hub_options;
            hub_options.today = options.today;
            hub_options.cache_dir = options.cache_dir;
            const auto partnerships = hub::gather(settings, *site, hub_options, advice);
            auto rendered =
                hub::render_hub(*site, partnerships, *theme, options.today, diagnostics);
            if (rendered) built.push_back({site->slug, std::move(*rendered)});
            render_seconds += seconds_since(lap);
            continue;
        }
        audit::add_warnings(audit::run(audit::evidence_from_site(*site, options.today)), advice);
        auto rendered = render_site(*site, *theme, options.today, diagnostics);
        if (rendered) built.push_back({site->slug, std::move(*rendered)});
        render_seconds += seconds_since(lap);
    }
    diagnostics.print(err);
    if (!options.quiet) advice.print(err);
    if (!diagnostics.has_errors()) {
        // Every internal link and fragment of every page, before anything
        // is published: a broken link fails the build like bad data does.
        size_t broken = 0;
        const auto check_started = Clock::now();
        for (const auto& site : built) {
            links::MemoryTree tree;
            for (const auto& file : site.rendered.files) tree.add_file(file.path, &file.content);
            for (const auto& copy : site.rendered.copies) tree.add_file(copy.path, nullptr);
            const links::CheckResult result = links::check_internal(tree, site.rendered.origins);
            if (result.findings.empty()) continue;
            std::string name = options.out;
            if (!name.empty() && name.back() != '/') name += '/';
            if (built.size() > 1) name += site.slug + "/";
            links::write_report(result, links::ReportFormat::human, name, err);
            for (const auto& f : result.findings) {
                broken += f.severity == links::Finding::Severity::error ? 1 : 0;
            }
        }
        check_seconds = seconds_since(check_started);
        if (broken > 0) {
            err << broken << (broken == 1 ? " broken link" : " broken links")
                << "; nothing was written to " << options.out << "\n";
            return kExitBadInput;
        }
    }
    if (diagnostics.has_errors()) {
        const int n = diagnostics.error_count();
        err << n << (n == 1 ? " error" : " errors") << "; nothing was written to " << options.out
            << "\n";
        return kExitBadInput;
    }

    // Publish: everything into one staging tree, then one swap.
    std::string error;
    const auto publish_started = Clock::now();
    auto staging = Staging::create(options.out, error);
    size_t pages = 0;
    if (staging) {
        const bool several = built.size() > 1;
        for (const auto& site : built) {
            const std::string prefix = several ? site.slug + "/" : "";
            for (const auto& file : site.rendered.files) {
                if (!staging->write(prefix + file.path, file.content, error)) break;
                if (file.path.size() > 5 &&
                    file.path.compare(file.path.size() - 5, 5, ".html") == 0) {
                    ++pages;
                }
            }
            if (!error.empty()) break;
            for (const auto& copy : site.rendered.copies) {
                if (!staging->copy(copy.source, prefix + copy.path, error)) break;
            }
            if (!error.empty()) break;
        }
        if (error.empty()) staging->commit(error);
    }
    if (!error.empty()) {
        err << "lspgen: error: " << error << "\nthe previous contents of " << options.out
            << " are unchanged\n";
        return kExitEnvironment;
    }
    if (!options.quiet) {
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        out << "built " << built.size() << (built.size() == 1 ? " site, " : " sites, ") << pages
            << " pages into " << options.out << " in " << std::fixed << std::setprecision(2)
            << seconds << " s\n";
        if (options.verbose) {
            out << "  load and validate " << load_seconds << " s, render " << render_seconds
                << " s, check links " << check_seconds << " s, publish "
                << seconds_since(publish_started) << " s\n";
        }
    }
    return kExitOk;
}

}  // namespace lspgen
