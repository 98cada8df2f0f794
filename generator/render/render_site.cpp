#include "render/render_site.hpp"

#include <pugixml.hpp>

#include <set>
#include <sstream>

#include "render/open_data.hpp"
#include "render/views.hpp"

namespace lspgen {

namespace fs = std::filesystem;

namespace render {

bool emit_page(const Theme& theme, const std::string& layout, const std::string& file, Data& data,
               RenderedSite& out, Diagnostics& diagnostics) {
    auto html = theme.render_page(layout, data, diagnostics);
    if (!html) return false;
    out.files.push_back({file, std::move(*html)});
    const Data* page = data.is_object() ? data.get("page") : nullptr;
    const Data* title = page && page->is_object() ? page->get("title") : nullptr;
    if (file != "404.html") {
        out.pages.push_back({file, title && title->is_string() ? title->string_value() : file});
    }
    return true;
}

void render_sitemap(const Site& site, RenderedSite& out) {
    const std::string& base = site.settings.base_url;
    std::string robots = "User-agent: *\nAllow: /\n";
    if (!base.empty()) {
        pugi::xml_document doc;
        auto decl = doc.append_child(pugi::node_declaration);
        decl.append_attribute("version") = "1.0";
        decl.append_attribute("encoding") = "UTF-8";
        auto urlset = doc.append_child("urlset");
        urlset.append_attribute("xmlns") = "http://www.sitemaps.org/schemas/sitemap/0.9";
        for (const auto& page : out.pages) {
            if (page.path.size() < 10 ||
                page.path.compare(page.path.size() - 10, 10, "index.html") != 0) {
                continue;
            }
            auto url = urlset.append_child("url");
            url.append_child("loc").text() =
                (base + page.path.substr(0, page.path.size() - 10)).c_str();
        }
        std::ostringstream xml;
        doc.save(xml, "  ", pugi::format_default, pugi::encoding_utf8);
        out.files.push_back({"sitemap.xml", xml.str()});
        robots += "\nSitemap: " + base + "sitemap.xml\n";
    }
    out.files.push_back({"robots.txt", robots});
}

}  // namespace render

namespace {

// Photos, logos and papers may live anywhere in the site folder; assets/ is
// copied whole, and any other referenced file is copied too.
void collect_copies(const Site& site, const Theme& theme, RenderedSite& out) {
    std::set<std::string> seen;
    auto add = [&](const std::string& rel) {
        if (seen.insert(rel).second) out.copies.push_back({site.dir / rel, rel});
    };
    for (const auto& rel : site.assets) add(rel);
    auto add_file = [&](const std::optional<LocalFile>& f) {
        if (f) add(f->path);
    };
    add_file(site.settings.logo);
    for (const auto& m : site.members) add_file(m.photo);
    for (const auto& d : site.documents) add_file(d.file);
    for (const auto& m : site.meetings) {
        for (const Attachment* a : {&m.agenda, &m.minutes}) {
            if (a->kind == Attachment::Kind::file) add(a->file.path);
        }
        for (const auto& p : m.papers) {
            if (p.attachment.kind == Attachment::Kind::file) add(p.attachment.file.path);
        }
    }
    for (const auto& f : theme.static_files()) out.copies.push_back({f.source, f.output_path});
}

}  // namespace

namespace render {

std::optional<RenderedSite> assemble(const Site& site, const Theme& theme, const Date& today,
                                     const std::vector<PageStep>& pages, const FileStep& files,
                                     Diagnostics& diagnostics) {
    Views views(site, today);
    RenderedSite out;
    for (const PageStep& step : pages) {
        if (!step(views, theme, out, diagnostics)) return std::nullopt;
    }
    if (!render_site_map(views, theme, out, diagnostics)) return std::nullopt;
    out.origins = views.take_origins();
    render_sitemap(site, out);
    render_atom_feed(site, out);
    files(out);
    collect_copies(site, theme, out);
    return out;
}

}  // namespace render

std::optional<RenderedSite> render_site(const Site& site, const Theme& theme, const Date& today,
                                        Diagnostics& diagnostics,
                                        const std::vector<render::AuditFinding>& audit) {
    using namespace render;
    return assemble(
        site, theme, today,
        {render_home, render_members, render_meetings, render_documents, render_how_we_work,
         render_contact, render_pages, render_jargon, render_news, render_events,
         render_performance, render_accessibility, render_not_found},
        [&](RenderedSite& out) {
            render_calendar(site, today, out);
            out.files.push_back({"data.json", site_data_json(site, today, audit)});
        },
        diagnostics);
}

}  // namespace lspgen
