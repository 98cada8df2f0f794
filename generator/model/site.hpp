#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "load/placeholders.hpp"
#include "markdown/jargon.hpp"
#include "model/dates.hpp"

namespace lspgen {

/// Markdown text from the data, with where its first character is, so that
/// problems found in it (a javascript: link) are reported at the right place.
/// For a page body the column is 1; for a YAML block scalar it is the
/// block's indentation plus 1.
struct Markdown {
    std::string text;
    SourceLocation where;
    bool empty() const { return text.empty(); }
};

/// A reference by id to another record, kept with its place for diagnostics.
struct IdRef {
    std::string id;
    SourceLocation where;
    int length = 1;
};

/// A local file in the site folder, read once while validating.
struct LocalFile {
    /// Path relative to the site folder, with forward slashes ("assets/x.pdf").
    std::string path;
    std::uintmax_t size = 0;
};

/// What a link to a paper, an agenda or minutes points at.
struct Attachment {
    enum class Kind { none, file, url, document };
    Kind kind = Kind::none;
    LocalFile file;   // kind == file
    std::string url;  // kind == url
    IdRef document;   // kind == document
};

struct Contact {
    std::string name;
    std::string email;
    std::string phone;
    /// What a phone dials for `phone`: its number alone ("01632 960201 (9am
    /// to 5pm)" gives "01632960201"), for the tel: link.
    std::string phone_number;
    std::string address;  // lines separated by '\n'
    std::string url;
};

struct Governance {
    Markdown membership;
    Markdown agenda;
    Markdown decisions;
};

/// Why a part of the site is not accessible, in the terms of the UK's
/// accessibility regulations (the sections of an accessibility statement).
enum class AccessibilityReason { non_compliance, disproportionate_burden, out_of_scope };

/// A part of the site the partnership knows is not accessible.
struct AccessibilityIssue {
    Markdown issue;         // what is not accessible, and why it matters
    std::string criterion;  // the WCAG success criterion it fails, e.g. "1.1.1 Non-text content"
    AccessibilityReason reason = AccessibilityReason::non_compliance;
    std::optional<Date> fix_by;  // when it will be fixed
};

/// What the partnership's own test of the site by hand found: the only
/// ground on which a statement may say the site is fully compliant.
enum class AuditResult { fully_compliant, partially_compliant, not_compliant };

/// The site's own accessibility audit (`accessibility: audit:`).
struct AccessibilityAudit {
    Date date;        // when the site was last tested
    std::string by;   // who tested it
    Markdown method;  // how pages were chosen and tested
    AuditResult result = AuditResult::partially_compliant;
};

/// What the accessibility statement (/accessibility/) takes from site.yaml's
/// `accessibility:` mapping; everything else in it comes from the site's data.
struct AccessibilitySettings {
    std::string email;  // for accessibility problems; empty means contact.email
    std::string phone;  // empty means contact.phone
    /// How many working days the partnership takes to answer; 0 when not said.
    int response_days = 0;
    std::vector<AccessibilityIssue> known_issues;
    std::optional<Date> prepared;
    std::optional<Date> reviewed;
    /// Without one, the statement says the site has not been tested by hand.
    std::optional<AccessibilityAudit> audit;
};

/// A partnership's own site, or a regional hub that links every partnership's
/// site (`kind: hub`; the hub's own fields are read by generator/hub/).
enum class SiteKind { lsp, hub };

/// Whether a site is ready to publish (`status:` in site.yaml). A draft or
/// an example may hold placeholder text, and says so on every page; a
/// published site may not.
enum class SiteStatus { published, draft, example };

/// site.yaml: the partnership's identity and settings.
struct SiteSettings {
    SiteStatus status = SiteStatus::published;
    SourceLocation status_where;
    std::string name;
    std::string short_name;
    std::string area;
    std::string county;
    std::string region;
    std::string language = "en-GB";
    std::string timezone = "Europe/London";
    std::string base_url;  // with a trailing slash, or empty
    std::string theme = "default";
    std::string brand_colour;  // "#rrggbb" or empty
    SourceLocation brand_colour_where;
    std::optional<LocalFile> logo;
    std::string logo_alt;
    Markdown summary;
    std::string aim;
    std::string meeting_frequency;
    std::optional<bool> meetings_public;
    Markdown public_questions;
    Contact contact;
    bool independent = false;
    std::string hosted_by;
    Governance governance;
    AccessibilitySettings accessibility;
    std::vector<IdRef> key_documents;
    /// Whether the regional glossary is merged under the site's own terms.
    bool regional_glossary = true;
    /// What the first use of a glossary term on a page gets (`jargon_first_use`).
    jargon::FirstUse jargon_first_use = jargon::FirstUse::expand;
};

/// Chair and Vice-chair are posts: the site names who holds them or says
/// that they are vacant.
enum class Role { chair, vice_chair, member, adviser, observer, officer };

struct Member {
    std::string id;
    SourceLocation where;
    std::string name;
    std::string honorific;
    Role role = Role::member;
    std::string role_text;  // as written, e.g. "Vice-chair"
    SourceLocation role_where;
    std::string organisation;
    std::string sector;
    std::string represents;
    std::optional<LocalFile> photo;
    std::string photo_alt;
    Markdown bio;
    std::optional<Date> appointed;
    std::optional<Date> term_ends;
    std::vector<IdRef> boards;
    /// The register of interests; absent (nullopt) is not the same as an
    /// empty register, which says that nothing has been declared.
    std::optional<std::vector<std::string>> interests;

    /// "Cllr Mark Worrall OBE"
    std::string display_name() const { return honorific.empty() ? name : honorific + " " + name; }
};

struct Board {
    std::string id;
    SourceLocation where;
    std::string name;
    Markdown remit;
    std::optional<IdRef> chair;
    std::string chair_note;
};

enum class MeetingStatus { scheduled, held, cancelled, postponed };

/// Each status with the name data files and data.json use ("held") and the
/// label pages show ("Held"): the one list of them.
struct MeetingStatusNames {
    MeetingStatus status;
    const char* name;
    const char* label;
};
inline constexpr MeetingStatusNames kMeetingStatuses[] = {
    {MeetingStatus::scheduled, "scheduled", "Scheduled"},
    {MeetingStatus::held, "held", "Held"},
    {MeetingStatus::cancelled, "cancelled", "Cancelled"},
    {MeetingStatus::postponed, "postponed", "Postponed"}};
inline const MeetingStatusNames& names_of(MeetingStatus status) {
    return kMeetingStatuses[static_cast<int>(status)];
}

struct Paper {
    std::string item;
    std::string title;
    Attachment attachment;
};

/// A decision a meeting took: a short text, optionally about one of the
/// meeting's papers (by its agenda item, `paper: "4"`).
struct Decision {
    std::string text;
    SourceLocation where;
    std::optional<IdRef> paper;  // a paper's `item`, checked against the papers
    /// The paper it is about, once checked: an index into Meeting::papers.
    std::optional<size_t> paper_index;
};

struct Meeting {
    std::string id;
    SourceLocation where;
    std::string title;
    std::optional<IdRef> board;
    Date date;
    std::optional<TimeOfDay> start;
    std::optional<TimeOfDay> end;
    std::string venue;
    bool is_public = true;
    MeetingStatus status = MeetingStatus::scheduled;
    Markdown summary;
    Attachment agenda;
    Attachment minutes;
    std::vector<Paper> papers;
    /// Who attended and who sent apologies: member ids from members.yaml.
    std::vector<IdRef> attended;
    std::vector<IdRef> apologies;
    std::vector<Decision> decisions;
};

struct Document {
    std::string id;
    SourceLocation where;
    std::string type;
    std::string title;
    std::optional<LocalFile> file;
    std::string url;
    std::optional<Date> published;
    Markdown summary;
};

/// A page from pages/*.md.
struct Page {
    std::string slug;
    std::string title;
    std::string summary;
    std::optional<int> menu;
    std::optional<Date> updated;
    Markdown body;
};

/// An item from news/*.md.
struct NewsItem {
    std::string slug;
    std::string title;
    Date date;
    std::string summary;
    Markdown body;
};

/// An event run by or for the partnership (events.yaml).
struct Event {
    std::string id;
    SourceLocation where;
    std::string title;
    Date date;
    std::optional<TimeOfDay> start;
    std::optional<TimeOfDay> end;
    std::string venue;
    Markdown description;
    std::string booking_email;
    std::string booking_url;
    std::string booking_note;
    bool cancelled = false;
};

/// One measurement of an indicator: "2008/09" and its value.
struct IndicatorValue {
    std::string period;
    double value = 0;
    /// Decimal places as the data wrote the value (22.0 → 1, 1490 → 0), so
    /// that pages show it with the precision it was given.
    int decimals = 0;
};

enum class Direction { higher_is_better, lower_is_better };
enum class IndicatorStatus { no_data, target_met, improving, not_improving, worse };

/// A National Indicator in the Local Area Agreement (indicators.yaml).
struct Indicator {
    std::string code;  // "NI 186"
    SourceLocation where;
    std::string title;
    std::string theme;
    std::string lead;
    std::string unit;
    Direction direction = Direction::higher_is_better;
    std::optional<IndicatorValue> baseline;
    std::optional<IndicatorValue> target;
    std::vector<IndicatorValue> results;
    /// Given in the data, or computed from direction, target and results.
    IndicatorStatus status = IndicatorStatus::no_data;
    Markdown note;
};

/// A jargon-buster entry: from the regional glossary or the site's glossary.yaml.
struct Term {
    std::string term;  // "LAA"
    /// For an abbreviation, what it stands for ("Local Area Agreement"); for
    /// a full term, a short description (kept for the open data). May be
    /// empty when the definition says it all.
    std::string expansion;
    /// A true abbreviation ("LAA", "IDeA", "NI 39"): only these get <abbr>
    /// and an expansion in the text. By default, whether the term is written
    /// as one (jargon::looks_like_abbreviation); `abbreviation:` says otherwise.
    bool abbreviation = false;
    Markdown definition;  // may be empty for an abbreviation with an expansion
    std::vector<std::string> see_also;
    /// Where each of see_also is written, for diagnostics.
    std::vector<SourceLocation> see_also_where;
    std::string plural;  // "LAAs"; defaults to term + "s"
    /// "Local Area Agreements"; defaults to the expansion made plural.
    std::string plural_expansion;
    /// False when the term is never looked for in text (`match: false`), as
    /// for an everyday word such as "ward".
    bool match = true;
    /// For a term of lspgen's regional glossary: "national", or the region
    /// it belongs to ("South East"), as a site names its region in site.yaml.
    std::string region;
    /// The anchor on /jargon/: "term-laa".
    std::string anchor() const;
};

/// One entry of the hub's `partnerships` list, as written in site.yaml.
struct PartnershipEntry {
    SourceLocation where;
    std::filesystem::path site_dir;  // `site:` resolved against the hub folder
    std::string site_display;        // how it is named in messages
    std::string data_url;            // `data:`
    std::string name, area, county, website, hosted_by, note;
    std::optional<bool> independent;
};

/// The hub's own settings beyond those of any site.
struct HubSettings {
    std::vector<PartnershipEntry> entries;
    std::string cache_dir;  // as written, relative to the hub folder
};

/// Everything one site folder holds, validated. Renderers read only this.
struct Site {
    std::filesystem::path dir;
    /// How the folder is named in diagnostics, as the user typed it.
    std::string display;
    /// "sites/spelthorne/members.yaml": a file of the folder, as named in
    /// diagnostics.
    std::string display_path(const std::string& file) const;
    std::string slug;
    /// Every regular file under assets/ ("assets/minutes.pdf"), all published
    /// whether the data names them or not; listed once, at load.
    std::vector<std::string> assets;
    SiteKind kind = SiteKind::lsp;
    SiteSettings settings;
    /// A hub's own settings (kind == hub): its partnerships and cache.
    HubSettings hub;
    std::vector<Member> members;
    std::vector<Board> boards;
    std::vector<Meeting> meetings;
    std::vector<Document> documents;
    std::vector<Page> pages;
    std::vector<NewsItem> news;  // newest first
    std::vector<Event> events;   // by date
    std::vector<Indicator> indicators;
    std::vector<Term> glossary;  // regional terms merged with the site's, A–Z
    /// Placeholder text in the site's files, in file and line order: errors
    /// unless the site is a draft or an example, which publish it marked.
    std::vector<load::Placeholder> placeholders;

    const Member* find_member(const std::string& id) const;
    const Board* find_board(const std::string& id) const;
    const Document* find_document(const std::string& id) const;
    /// The member holding a post, or nullptr when the post is vacant.
    const Member* post_holder(Role role) const;
};

/// Document types in the order /documents/ lists them.
const std::vector<std::string>& document_types();
/// "Sustainable Community Strategy" for "sustainable-community-strategy".
std::string document_type_label(const std::string& type);

/// "term-laa" for "LAA": lower-case letters and digits joined by hyphens.
std::string term_anchor(const std::string& term);

/// `file` in `folder`, both as shown in diagnostics: "sites/x/members.yaml",
/// or "members.yaml" for the folder ".".
std::string display_path(const std::string& folder, const std::string& file);

}  // namespace lspgen
