// A hub's own keys in site.yaml: `partnerships` and `cache_dir`.
#include <filesystem>

#include "model/fields.hpp"
#include "model/load_site.hpp"

namespace lspgen {

namespace fs = std::filesystem;

void read_hub_settings(const load::RawNode& root, const load::RawNode* list,
                       const SiteFolder& folder, HubSettings& settings, Diagnostics& diagnostics) {
    if (!root.is_mapping()) return;
    if (const auto* cache = root.find("cache_dir"); cache && cache->is_scalar()) {
        settings.cache_dir = cache->scalar;
    }
    if (!list || !list->is_sequence() || list->items.empty()) {
        // `partnerships:` with nothing after it: point at the key, not at
        // the empty place after it.
        SourceLocation where = list && !list->is_null() ? list->where : root.where;
        int length = 1;
        for (const auto& [key, value] : root.entries) {
            if (&value == list && list->is_null()) {
                where = key.where;
                length = static_cast<int>(key.scalar.size());
            }
        }
        diagnostics.error(where,
                          "a hub needs 'partnerships': a list naming each partnership by "
                          "'site' (a local folder), 'data' (the URL of its data.json) or "
                          "'name' and 'area'",
                          length);
        return;
    }
    for (const auto& node : list->items) {
        Fields fields(node, "partnership", folder, diagnostics);
        if (!fields.ok()) continue;
        PartnershipEntry entry;
        entry.where = fields.where();
        const auto site = fields.text("site");
        entry.data_url = fields.url("data").value_or("");
        entry.name = fields.text("name").value_or("");
        entry.area = fields.text("area").value_or("");
        entry.county = fields.text("county").value_or("");
        entry.website = fields.url("website").value_or("");
        entry.hosted_by = fields.text("hosted_by").value_or("");
        entry.note = fields.text("note").value_or("");
        entry.independent = fields.boolean("independent");
        if (site && !entry.data_url.empty()) {
            fields.error("data", "give either 'site' or 'data' for a partnership, not both");
        } else if (site) {
            entry.site_dir = folder.dir / *site;
            entry.site_display = (fs::path(folder.display) / *site).lexically_normal().string();
            while (entry.site_display.size() > 1 && entry.site_display.back() == '/') {
                entry.site_display.pop_back();
            }
            std::error_code ec;
            if (!fs::is_directory(entry.site_dir, ec)) {
                fields.error("site", "no such site folder: " + entry.site_display +
                                         " (a 'site' is relative to the hub's folder)");
            } else if (fs::equivalent(entry.site_dir, folder.dir, ec)) {
                fields.error("site", "'" + *site +
                                         "' is the hub's own folder: a hub lists the "
                                         "partnerships' folders, not itself");
            }
        } else if (!entry.data_url.empty()) {
            if (entry.data_url.rfind("http", 0) != 0) {
                fields.error("data", "'data' must be an http:// or https:// address");
            }
        } else if (entry.name.empty() || entry.area.empty()) {
            diagnostics.error(entry.where,
                              "a partnership without 'site' or 'data' needs 'name' and 'area'");
        }
        fields.finish();
        settings.entries.push_back(std::move(entry));
    }
}

}  // namespace lspgen
