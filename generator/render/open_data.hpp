#pragma once

#include <string>
#include <vector>

#include "model/site.hpp"

namespace lspgen::render {

/// One item of the site's own transparency audit, as data.json publishes it
/// so that a hub reading the file can score every item. The audit stage
/// comes after this one, so the build hands the findings in.
struct AuditFinding {
    std::string id;       // "vice-chair"
    std::string title;    // "Vice-chair named on the homepage"
    std::string outcome;  // "met", "not-met" or "unknown"
    std::string why;      // what was found
};

/// /data.json: the site's people, posts, memberships, organisations and
/// events in the Popolo vocabulary (times in UTC, addresses absolute), plus
/// documents, indicators and `audit`, its own audit findings. Without a
/// base_url the addresses of pages and files cannot be absolute, and are
/// left out (render_site warns).
std::string site_data_json(const Site& site, const Date& today,
                           const std::vector<AuditFinding>& audit = {});

/// "spelthorne/organisation/surrey-county-council": the Popolo id of a
/// member's organisation, the same wherever it is written.
std::string organisation_id(const std::string& site_slug, const std::string& name);

/// schema.org JSON-LD, safe to place inside <script type="application/ld+json">.
std::string organization_json_ld(const Site& site);
std::string person_json_ld(const Site& site, const Member& member);
std::string meeting_json_ld(const Site& site, const Meeting& meeting);
std::string glossary_json_ld(const Site& site);

/// JSON inside <script> must not contain "</script>": '<' becomes \u003c,
/// which means the same character in a JSON string.
std::string script_safe(const std::string& json_text);

}  // namespace lspgen::render
