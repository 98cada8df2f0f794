#pragma once

#include <string>

#include "model/site.hpp"

namespace lspgen::render {

/// /data.json: the site's people, posts, memberships, organisations and
/// events in the Popolo vocabulary, plus documents and indicators.
std::string site_data_json(const Site& site, const Date& today);

/// schema.org JSON-LD, safe to place inside <script type="application/ld+json">.
std::string organization_json_ld(const Site& site);
std::string person_json_ld(const Site& site, const Member& member);
std::string meeting_json_ld(const Site& site, const Meeting& meeting);
std::string glossary_json_ld(const Site& site);

}  // namespace lspgen::render
