// Markdown files with front matter: pages/*.md and news/*.md.
#include <algorithm>

#include "load/front_matter.hpp"
#include "model/load_site.hpp"

namespace lspgen {

namespace fs = std::filesystem;

namespace {

// Addresses the generator itself uses; a page may not take one.
const std::vector<std::string>& reserved_names() {
    static const std::vector<std::string> names = {
        "members", "meetings", "documents", "how-we-work", "contact",     "assets",
        "theme",   "jargon",   "news",      "events",      "performance", "accessibility",
        "404",     "index",    "feed",      "data",        "site-map"};
    return names;
}

bool is_address(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// Reads every `*.md` in `subdir`, in name order, and hands each file's name,
// front matter and body to `read`.
template <typename Read>
void for_each_markdown_file(const SiteFolder& folder, const std::string& subdir,
                            Diagnostics& diagnostics, Read read) {
    if (folder.describing) {
        // Describe mode: one file with empty front matter.
        load::RawNode front_matter;
        front_matter.kind = load::RawNode::Kind::mapping;
        Fields fields(front_matter, "the front matter", folder, diagnostics);
        read("described", subdir + "/described.md", fields, Markdown{});
        fields.finish();
        return;
    }
    const fs::path dir = folder.dir / subdir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".md") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());  // the same order on every machine
    for (const auto& file : files) {
        const std::string name = file.stem().string();
        const std::string display = folder.display_path(subdir + "/" + file.filename().string());
        auto text = load::read_text_file(file, display, diagnostics);
        if (!text) continue;
        if (!is_address(name)) {
            diagnostics.error({display, 0, 0},
                              "file name '" + name +
                                  ".md' must use only lower-case letters, digits and hyphens: "
                                  "it becomes the page's address");
        }
        auto split = load::split_front_matter(*text, display, diagnostics);
        if (!split) continue;
        for (auto& p : load::find_placeholders(split->front_matter, *text)) {
            folder.placeholders.push_back(p);
        }
        for (auto& p : load::find_placeholders(split->body, {display, split->body_first_line, 1})) {
            folder.placeholders.push_back(p);
        }
        Fields fields(split->front_matter, "the front matter", folder, diagnostics);
        read(name, display, fields, Markdown{split->body, {display, split->body_first_line, 1}});
        fields.finish();
    }
}

}  // namespace

void read_pages(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    for_each_markdown_file(
        folder, "pages", diagnostics,
        [&](const std::string& name, const std::string& display, Fields& fields, Markdown body) {
            const auto& reserved = reserved_names();
            if (std::find(reserved.begin(), reserved.end(), name) != reserved.end()) {
                diagnostics.error({display, 0, 0}, "page name '" + name +
                                                       "' is used by lspgen for its own page; "
                                                       "rename the file");
            }
            Page page;
            page.slug = name;
            page.title = fields.text("title", Need::required).value_or("");
            page.summary = fields.text("summary").value_or("");
            page.menu = fields.integer("menu");
            page.updated = fields.date("updated");
            page.body = std::move(body);
            site.pages.push_back(std::move(page));
        });
}

void read_news(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    for_each_markdown_file(
        folder, "news", diagnostics,
        [&](const std::string& name, const std::string&, Fields& fields, Markdown body) {
            NewsItem item;
            item.slug = name;
            item.title = fields.text("title", Need::required).value_or("");
            item.date = fields.date("date", Need::required).value_or(Date{});
            item.summary = fields.text("summary", Need::required).value_or("");
            item.body = std::move(body);
            site.news.push_back(std::move(item));
        });
    // Newest first; items of the same date keep file-name order.
    std::stable_sort(site.news.begin(), site.news.end(),
                     [](const NewsItem& a, const NewsItem& b) { return a.date > b.date; });
}

}  // namespace lspgen
