#include "model/load_site.hpp"

namespace lspgen {

bool read_documents(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    auto list = read_list_file(folder, "documents.yaml", diagnostics);
    if (!list) return false;
    IdRegistry ids("document", diagnostics);
    for (const auto& entry : list->items) {
        Fields fields(entry, "document", folder, diagnostics);
        if (!fields.ok()) continue;
        Document d;
        d.where = fields.where();
        d.id = fields.id().value_or("");
        if (!d.id.empty()) ids.add(d.id, fields.where("id"), fields.length("id"));
        d.type = fields.choice("type", document_types(), Need::required).value_or("other");
        d.title = fields.text("title", Need::required).value_or("");
        d.file = fields.path("file");
        d.url = fields.url("url").value_or("");
        if (d.file && !d.url.empty()) {
            fields.error("url", "give either 'file' or 'url', not both");
        } else if (!d.file && d.url.empty() && !entry.find("file") && !entry.find("url")) {
            diagnostics.error(d.where, "document '" + d.id +
                                           "' needs 'file' (a file in the site "
                                           "folder) or 'url' (a page elsewhere)");
        }
        d.published = fields.date("published");
        d.summary = fields.markdown("summary").value_or(Markdown{});
        fields.finish();
        site.documents.push_back(std::move(d));
    }
    return true;
}

}  // namespace lspgen
