#include <tuple>

#include <algorithm>

#include "model/load_site.hpp"

namespace lspgen {

void read_events(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    read_records(folder, "events.yaml", "event", "id", diagnostics,
                 [&](Fields& fields, const load::RawNode&) {
                     Event e;
                     e.where = fields.where();
                     e.id = fields.id().value_or("");
                     e.title = fields.text("title", Need::required).value_or("");
                     e.date = fields.date("date", Need::required).value_or(Date{});
                     std::tie(e.start, e.end) = fields.time_range("event");
                     e.venue = fields.text("venue").value_or("");
                     e.description = fields.markdown("description").value_or(Markdown{});
                     e.booking_email = fields.email("booking_email").value_or("");
                     e.booking_url = fields.url("booking_url").value_or("");
                     e.booking_note = fields.text("booking_note").value_or("");
                     e.cancelled = fields.boolean("cancelled").value_or(false);
                     std::string key = e.id;
                     site.events.push_back(std::move(e));
                     return key;
                 });
    std::stable_sort(site.events.begin(), site.events.end(),
                     [](const Event& a, const Event& b) { return a.date < b.date; });
}

}  // namespace lspgen
