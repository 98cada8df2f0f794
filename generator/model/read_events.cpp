#include <algorithm>

#include "model/load_site.hpp"

namespace lspgen {

void read_events(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    auto list = read_list_file(folder, "events.yaml", diagnostics);
    if (!list) return;
    IdRegistry ids("event", diagnostics);
    for (const auto& entry : list->items) {
        Fields fields(entry, "event", folder, diagnostics);
        if (!fields.ok()) continue;
        Event e;
        e.where = fields.where();
        e.id = fields.id().value_or("");
        if (!e.id.empty()) ids.add(e.id, fields.where("id"), fields.length("id"));
        e.title = fields.text("title", Need::required).value_or("");
        e.date = fields.date("date", Need::required).value_or(Date{});
        e.start = fields.time("start");
        e.end = fields.time("end");
        if (e.end && !e.start) {
            fields.error("end", "'end' is given without 'start'");
        } else if (e.start && e.end && *e.end <= *e.start) {
            fields.error("end", "the event ends (" + e.end->text() + ") before it starts (" +
                                    e.start->text() + ")");
        }
        e.venue = fields.text("venue").value_or("");
        e.description = fields.markdown("description").value_or(Markdown{});
        e.booking_email = fields.email("booking_email").value_or("");
        e.booking_url = fields.url("booking_url").value_or("");
        e.booking_note = fields.text("booking_note").value_or("");
        e.cancelled = fields.boolean("cancelled").value_or(false);
        fields.finish();
        site.events.push_back(std::move(e));
    }
    std::stable_sort(site.events.begin(), site.events.end(),
                     [](const Event& a, const Event& b) { return a.date < b.date; });
}

}  // namespace lspgen
