#include "model/load_site.hpp"

namespace lspgen {

bool read_documents(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    return read_records(
        folder, "documents.yaml", "document", "id", diagnostics,
        [&](Fields& fields, const load::RawNode& entry) {
            Document d;
            d.where = fields.where();
            d.id = fields.id().value_or("");
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
            std::string key = d.id;
            site.documents.push_back(std::move(d));
            return key;
        });
}

}  // namespace lspgen
