#pragma once

#include <ostream>
#include <string>

#include "audit/audit.hpp"
#include "base/diagnostics.hpp"

namespace lspgen::audit {

/// "17 of 22", or "13 of 13 known (9 not known)" when some items could not
/// be checked: those count neither for nor against.
std::string score_text(const Report& report);

/// The report for people: the score, then every item with what was found
/// and, for those not met, what to add. `site` names the site folder.
void write_human(const Report& report, const std::string& site, std::ostream& out);

/// The same as JSON: {site, name, score: {met, unknown, total}, items: [{id,
/// title, outcome: "met"|"not-met"|"unknown", why, fix, example}]}.
void write_json(const Report& report, const std::string& site, std::ostream& out);

/// One warning per item not met, at the place in the data where the fix
/// belongs, for `lspgen build`. Never an error: good practice is advice.
void add_warnings(const Report& report, Diagnostics& diagnostics);

/// "met", "not-met" or "unknown".
const char* outcome_name(Outcome outcome);

}  // namespace lspgen::audit
