#include "model/load_site.hpp"

namespace lspgen {

namespace {

// Placeholder text is not published: a site still holding any says that it
// is a draft (or an example), and every page then says so too.
void check_placeholders(const Site& site, Diagnostics& diagnostics) {
    if (site.settings.status != SiteStatus::published) return;
    for (const auto& p : site.placeholders) {
        diagnostics.error(p.where,
                          "'" + p.text + "' " + p.what +
                              ": replace it before the site is published (while it is not "
                              "ready, say 'status: draft' in site.yaml)",
                          p.length);
    }
}

}  // namespace

std::optional<Site> load_site(const std::filesystem::path& dir, const std::string& display,
                              Diagnostics& diagnostics) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        diagnostics.error({display, 0, 0}, "no such site folder");
        return std::nullopt;
    }
    SiteFolder folder{dir, display};
    Site site;
    site.dir = dir;
    site.display = display;
    site.slug = std::filesystem::absolute(dir).lexically_normal().filename().string();
    if (site.slug.empty()) {
        site.slug =
            std::filesystem::absolute(dir).lexically_normal().parent_path().filename().string();
    }
    const int before = diagnostics.error_count();
    read_site_settings(folder, site, diagnostics);
    ReadableFiles readable;
    readable.members = read_members(folder, site, diagnostics);
    readable.boards = read_boards(folder, site, diagnostics);
    readable.documents = read_documents(folder, site, diagnostics);
    read_meetings(folder, site, diagnostics);
    read_pages(folder, site, diagnostics);
    read_news(folder, site, diagnostics);
    read_events(folder, site, diagnostics);
    read_indicators(folder, site, diagnostics);
    read_glossary(folder, site, diagnostics);
    read_assets(folder, site, diagnostics);
    check_references(site, readable, diagnostics);
    site.placeholders = std::move(folder.placeholders);
    // Placeholders are the last thing between good data and publishing:
    // listed once the data is otherwise right (and status: is known).
    if (diagnostics.error_count() == before) check_placeholders(site, diagnostics);
    if (diagnostics.error_count() > before) return std::nullopt;
    return site;
}

}  // namespace lspgen
