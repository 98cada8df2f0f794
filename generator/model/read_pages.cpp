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
        "404",     "index",    "feed",      "data"};
    return names;
}

}  // namespace

void read_pages(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    const fs::path dir = folder.dir / "pages";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".md") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());  // the same order on every machine
    for (const auto& file : files) {
        const std::string name = file.stem().string();
        const std::string display = folder.display_path("pages/" + file.filename().string());
        auto text = load::read_text_file(file, display, diagnostics);
        if (!text) continue;
        Page page;
        page.slug = name;
        const bool valid_name = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
        if (!valid_name) {
            diagnostics.error({display, 0, 0},
                              "page file name '" + name +
                                  ".md' must use only "
                                  "lower-case letters, digits and hyphens: it becomes "
                                  "the page's address");
        } else if (std::find(reserved_names().begin(), reserved_names().end(), name) !=
                   reserved_names().end()) {
            diagnostics.error({display, 0, 0}, "page name '" + name +
                                                   "' is used by lspgen for its "
                                                   "own page; rename the file");
        }
        auto split = load::split_front_matter(*text, display, diagnostics);
        if (!split) continue;
        Fields fields(split->front_matter, "the front matter", folder, diagnostics);
        page.title = fields.text("title", Need::required).value_or("");
        page.summary = fields.text("summary").value_or("");
        page.menu = fields.integer("menu");
        page.updated = fields.date("updated");
        fields.finish();
        page.body = Markdown{split->body, {display, split->body_first_line, 1}};
        site.pages.push_back(std::move(page));
    }
}

}  // namespace lspgen
