#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/dates.hpp"
#include "model/site.hpp"

/// The transparency audit: a partnership's website scored against the good
/// practice that the seeds name (SPEC §1). The checklist works on Evidence,
/// facts about a site that come either from its data folder (everything is
/// known) or from its published data.json (some facts are not published, and
/// those items are reported as "not known" rather than guessed).
namespace lspgen::audit {

/// A key document: whether the site has one of a type, and whether it is one
/// of the homepage's key documents (one click from the homepage).
struct DocumentEvidence {
    bool exists = false;
    bool on_homepage = false;
};

enum class Outcome { met, not_met, unknown };

/// What is known about a site. An empty optional means "not known".
struct Evidence {
    std::string name;
    std::optional<int> summary_words;
    std::optional<bool> has_aim;
    std::optional<bool> has_meeting_frequency;
    std::optional<bool> says_meetings_public;
    std::optional<bool> has_public_questions;
    /// Name of the post holder; "" when the post is vacant.
    std::optional<std::string> chair;
    std::optional<std::string> vice_chair;
    std::optional<int> members;
    std::optional<int> members_with_photo;
    std::optional<int> members_with_bio;
    std::optional<int> upcoming_meetings;
    std::optional<DocumentEvidence> scs;
    std::optional<DocumentEvidence> laa;
    std::optional<DocumentEvidence> annual_report;
    std::optional<DocumentEvidence> handbook;
    std::optional<bool> explains_membership;
    std::optional<bool> explains_agenda;
    std::optional<bool> explains_decisions;
    /// Meetings held before today (not cancelled or postponed), and how many
    /// of them have an agenda and minutes published.
    std::optional<int> past_meetings;
    std::optional<int> past_meetings_with_agenda;
    std::optional<int> past_meetings_with_minutes;
    /// How many of those record the decisions they took.
    std::optional<int> past_meetings_with_decisions;
    std::optional<int> indicators;
    std::optional<bool> has_email;
    std::optional<bool> has_phone;
    std::optional<bool> independent;
    std::string hosted_by;
    std::optional<bool> has_website;
    /// Placeholder text (TODO markers, reserved example contacts) still in
    /// the site's data, which only a draft or an example site may publish.
    std::optional<int> placeholders;
    /// What the site's own audit found, by item id, as its data.json
    /// publishes it: the items that the evidence above leaves unknown take
    /// this outcome (met or not-met) and what was found.
    std::map<std::string, std::pair<Outcome, std::string>> published;
    /// Where in the data each item's fix belongs, by item id, for build
    /// warnings ("sites/x/site.yaml:3:1"). Items without a place name the
    /// site folder.
    std::map<std::string, SourceLocation> where;
};

/// Everything that lspgen knows from a site's data folder. `today` decides
/// which meetings are upcoming and which have been held.
Evidence evidence_from_site(const Site& site, const Date& today);

/// One line of the checklist.
struct Item {
    std::string id;     // "vice-chair"
    std::string title;  // "Vice-chair named on the homepage"
    Outcome outcome = Outcome::not_met;
    std::string why;  // what was found, in a sentence
    std::string fix;  // what to add to meet it; empty when met
    /// The seed example this good practice comes from ("Aylesbury Vale").
    std::string example;
    SourceLocation where;
};

/// A site's audit: every item and the score.
struct Report {
    std::string name;
    std::vector<Item> items;
    int met() const;
    int unknown() const;
    int total() const { return static_cast<int>(items.size()); }
    /// Items not met (unknown ones excluded).
    std::vector<const Item*> missing() const;
};

/// Scores the evidence against every item of the checklist, in a fixed order.
Report run(const Evidence& evidence);

/// The checklist's item ids and titles, in order (for documentation and the hub).
const std::vector<std::pair<std::string, std::string>>& checklist();

}  // namespace lspgen::audit
