#pragma once

#include <string>

#include "render/views.hpp"

/// What a meeting left on record: its agenda, minutes and papers in the
/// meetings list, and who came and what was decided on its page.
namespace lspgen::render {

/// Adds to a meeting's list entry (`summary`, from Views::meeting_summary)
/// its agenda and minutes links and how many papers it has, so the list
/// links to them without opening each meeting.
void add_records(const Views& views, const Meeting& meeting, const std::string& root,
                 Data& summary);

/// Adds to a meeting's page who attended, who sent apologies (each linked
/// to their member page) and the decisions, each with the paper it is about.
void add_outcomes(const Views& views, const Meeting& meeting, const std::string& root, Data& page);

/// The plain-text account of attendance and decisions, for the calendar's
/// DESCRIPTION; empty when the meeting records neither.
std::string outcomes_text(const Site& site, const Meeting& meeting);

}  // namespace lspgen::render
