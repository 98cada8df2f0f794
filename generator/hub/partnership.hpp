#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "base/diagnostics.hpp"
#include "model/dates.hpp"

/// The regional hub (`kind: hub`): every partnership of the region in one
/// directory, built from what each partnership publishes.
namespace lspgen::hub {

/// A meeting or event of a partnership, for the regional calendar.
struct HubEvent {
    std::string uid;  // stable: "meeting-board-2009-04@spelthorne.lspgen"
    std::string id;   // its Popolo id, as published: "spelthorne/meeting/board-2009-04"
    std::string title;
    std::string description;
    std::string venue;
    std::string url;  // absolute, or empty when the partnership has no web address
    Date date;
    std::optional<TimeOfDay> start;
    std::optional<TimeOfDay> end;
    bool cancelled = false;
    /// Postponed: the date shown no longer holds, and a new one is to come.
    bool postponed = false;
    std::string status;  // as published: "scheduled", "held", "cancelled", "postponed"
    bool is_meeting = true;
};

/// A link to a key document, always absolute.
struct DocumentLink {
    std::string title;
    std::string url;
};

/// How the hub knows about a partnership.
enum class Source {
    folder,  // a local lspgen site folder
    data,    // the URL of a published data.json
    listed,  // only name, area and website, given in the hub's site.yaml
};

/// How current what the hub shows is.
enum class Freshness {
    current,      // read or fetched in this build (or confirmed unchanged, 304)
    stale,        // this build could not fetch it: the last good copy is shown
    unavailable,  // nothing could be read: only what the hub's site.yaml says
};

/// One partnership as the hub shows it.
struct Partnership {
    std::string slug;  // its page on the hub: partnerships/<slug>/
    std::string name;
    std::string short_name;
    std::string area;
    std::string county;
    std::string website;  // absolute http(s) URL, or empty
    std::optional<bool> independent;
    std::string hosted_by;
    std::string email;  // the partnership's contact address, or empty
    /// Post holders: nullopt when not known, "" when the post is vacant.
    std::optional<std::string> chair;
    std::optional<std::string> vice_chair;
    std::vector<HubEvent> events;  // by date
    std::optional<DocumentLink> scs;
    std::optional<DocumentLink> laa;
    std::optional<audit::Report> audit;
    std::string note;  // from the hub's site.yaml

    Source source = Source::listed;
    std::string source_text;  // the folder or URL it came from
    Freshness freshness = Freshness::current;
    /// For a stale copy: the day it was fetched ("2 March 2009") and how old
    /// it is ("3 days before this build"), both on the build's date.
    std::string fetched_text;
    std::string age_text;
    /// Why the hub could not read or fetch it this time.
    std::string problem;
};

/// Reads a partnership's data.json (the open data every lspgen site
/// publishes) and checks its shape. `display` names it in warnings (its URL
/// or path). `base` resolves relative URLs in it (a site without base_url
/// writes relative ones): the site's address, or the folder of the
/// data.json URL; empty drops them. Every problem becomes a warning in
/// `warnings`: a syntax error at its line and column, a wrong shape naming
/// the member at fault ("events[3].start_date: expected a date…"). Returns
/// false when any was found, and `out` must then not be used. `today`
/// decides which meetings are upcoming, for the audit evidence.
bool read_open_data(const std::string& text, const std::string& display, const std::string& base,
                    const Date& today, Partnership& out, audit::Evidence& evidence,
                    Diagnostics& warnings);

/// A URL-safe slug from a name: "Reading 2020" → "reading-2020".
std::string slugify(const std::string& name);

}  // namespace lspgen::hub
