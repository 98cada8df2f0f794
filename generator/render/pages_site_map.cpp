// /site-map/: every page of the site on one page, so that each can be found
// in more than one way (WCAG 2.4.5). It lists what sitemap.xml lists, the
// pages already written, grouped under the section each belongs to.
#include <map>

#include "render/render_site.hpp"
#include "render/views.hpp"

namespace lspgen::render {

namespace {

constexpr const char* kSiteMapPage = "site-map/index.html";

// The folder a page's address starts with ("members" for
// members/nick/index.html); "" for the home page.
std::string section_of(const std::string& path) {
    const size_t slash = path.find('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

}  // namespace

bool render_site_map(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const std::string root = root_prefix(kSiteMapPage);
    Data data = views.page("Site map", kSiteMapPage, "", "Every page of this website.");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});

    // Sections in the order their first page was written (home, members,
    // meetings…), each led by its own index page when it has one.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const PageEntry*>> pages;
    for (const PageEntry& page : out.pages) {
        const std::string section = page.path == "index.html" ? "" : section_of(page.path);
        if (!pages.count(section)) order.push_back(section);
        pages[section].push_back(&page);
    }
    List sections;
    for (const std::string& section : order) {
        const std::vector<const PageEntry*>& in = pages[section];
        const std::string lead_path = section.empty() ? "index.html" : section + "/index.html";
        const PageEntry* lead = nullptr;
        for (const PageEntry* p : in) {
            if (p->path == lead_path) lead = p;
        }
        List children;
        for (const PageEntry* p : in) {
            if (p == lead) continue;
            Data child;
            child.set("title", p->title);
            child.set("href", root + p->path);
            children.push_back(child);
        }
        // A section without a page of its own lists its pages at the top.
        if (!lead) {
            for (auto& child : children) sections.push_back(child);
            continue;
        }
        Data entry;
        entry.set("title", section.empty() ? std::string("Home") : lead->title);
        entry.set("href", root + lead->path);
        entry.set("has_children", !children.empty());
        entry.set("children", children);
        sections.push_back(entry);
    }
    data.set("sections", sections);
    return emit_page(theme, "site-map", kSiteMapPage, data, out, d);
}

}  // namespace lspgen::render
