#include "model/field_schema.hpp"

#include <algorithm>
#include <unordered_map>

#include "base/diagnostics.hpp"
#include "model/load_site.hpp"

namespace lspgen {

FieldShape& RecordShape::add(const std::string& key, FieldType type, bool required,
                             std::vector<std::string> allowed) {
    auto same = std::find_if(fields.begin(), fields.end(),
                             [&](const FieldShape& f) { return f.key == key; });
    if (same != fields.end()) return *same;
    FieldShape& field = fields.emplace_back();
    field.key = key;
    field.type = type;
    field.required = required;
    field.allowed = std::move(allowed);
    return field;
}

RecordShape& FieldCollector::record_for(const load::RawNode& node, const std::string& what) {
    if (auto owner = owners_.find(&node); owner != owners_.end()) {
        if (owner->second->what.empty()) owner->second->what = what;
        return *owner->second;
    }
    if (!top_taken_) {
        top_taken_ = true;
        top.what = what;
    }
    return top;
}

const load::RawNode* FieldCollector::nested(RecordShape& parent, const std::string& key,
                                            Shape shape, bool required) {
    const FieldType type = shape == Shape::list            ? FieldType::list
                           : shape == Shape::id_or_mapping ? FieldType::id_or_mapping
                           : shape == Shape::text          ? FieldType::text
                                                           : FieldType::mapping;
    FieldShape& field = parent.add(key, type, required);
    if (shape == Shape::text) return nullptr;
    if (!field.record) field.record = std::make_shared<RecordShape>();
    load::RawNode& node = nodes_.emplace_back();
    if (shape == Shape::list) {
        node.kind = load::RawNode::Kind::sequence;
        node.items.emplace_back().kind = load::RawNode::Kind::mapping;
        owners_[&node.items.front()] = field.record.get();
    } else {
        node.kind = load::RawNode::Kind::mapping;
        owners_[&node] = field.record.get();
    }
    return &node;
}

namespace {

// Runs `read` in describe mode and keeps what it recorded.
template <typename Read>
DataFileShape describe(const std::string& kind, const std::string& file, bool list, Read read) {
    FieldCollector collector;
    SiteFolder folder(".", "described");
    folder.describing = &collector;
    Site site;
    Diagnostics ignored;  // describe mode reads empty records: "missing" errors
    read(folder, site, ignored);
    return {kind, file, list, std::move(collector.top), {}};
}

}  // namespace

std::vector<DataFileShape> describe_data_files() {
    std::vector<DataFileShape> files;
    files.push_back(describe("site", "site.yaml", false, read_site_settings));
    files.push_back(describe("members", "members.yaml", true, read_members));
    files.push_back(describe("boards", "boards.yaml", true, read_boards));
    files.push_back(describe("meetings", "meetings.yaml", true, read_meetings));
    files.push_back(describe("documents", "documents.yaml", true, read_documents));
    files.push_back(describe("events", "events.yaml", true, read_events));
    files.push_back(describe("indicators", "indicators.yaml", true, read_indicators));
    files.push_back(describe("glossary", "glossary.yaml", true,
                             [](const SiteFolder& folder, Site&, Diagnostics& diagnostics) {
                                 read_terms("- {}", "glossary.yaml", folder, diagnostics);
                             }));
    files.back().keyed_by = "term";
    files.push_back(describe("news", "news/*.md", false, read_news));
    files.push_back(describe("pages", "pages/*.md", false, read_pages));
    return files;
}

namespace {

// One line per field, by path ("members.name"; "*.file" for a key that
// means the same in every record). The wording is the first sentence of the
// README's tables ("A site on disk"), shortened where it runs on.
const std::unordered_map<std::string, std::string>& descriptions() {
    static const std::unordered_map<std::string, std::string> table = {
        // Keys that mean the same wherever they appear.
        {"*.id", "Lower-case letters, digits and hyphens (nick-dunkley), unique within the file."},
        {"*.file", "A file inside the site folder, relative to it (assets/papers/minutes.pdf)."},
        {"*.url", "An absolute http:, https: or mailto: URL."},
        {"*.document", "The id of a document in documents.yaml."},
        {"*.start", "Start time, HH:MM, 24-hour local time. Quote it: \"14:00\"."},
        {"*.end", "End time, HH:MM, after 'start'. Quote it: \"16:00\"."},
        {"*.period", "The period the value is for, e.g. 2008/09."},
        {"*.value", "The value for the period, a number such as 1490 or 12.5."},

        {"site.kind", "lsp (default) or hub: a regional hub."},
        {"site.name", "Full name, e.g. \"Spelthorne Local Strategic Partnership\"."},
        {"site.short_name", "Used in the header and page titles; defaults to 'name'."},
        {"site.area", "The area served, e.g. \"Spelthorne\"."},
        {"site.status",
         "published (default), draft or example. A draft or an example may keep placeholder "
         "text (TODO, 01632 960000, example.org) and says so on every page; a published site "
         "with any is an error."},
        {"site.county", "County or sub-region, e.g. \"Surrey\"."},
        {"site.region", "Region, e.g. \"South East\"."},
        {"site.partnerships",
         "A hub's partnerships, each by 'site' (a local folder), 'data' (the URL of its "
         "data.json) or 'name' and 'area'."},
        {"site.partnerships.site", "The partnership's site folder, relative to the hub's folder."},
        {"site.partnerships.data", "The URL of the partnership's data.json."},
        {"site.partnerships.name", "The partnership's full name."},
        {"site.partnerships.area", "The area the partnership serves."},
        {"site.partnerships.county", "County or sub-region."},
        {"site.partnerships.website", "The partnership's website."},
        {"site.partnerships.hosted_by", "Who hosts the partnership's website."},
        {"site.partnerships.note", "A note shown beside the partnership."},
        {"site.partnerships.independent", "true when the site is the partnership's own."},
        {"site.cache_dir", "Where a hub keeps the data.json files it fetched."},
        {"site.language", "BCP 47 language tag of the pages; default en-GB."},
        {"site.timezone", "Default Europe/London (the only one supported for now)."},
        {"site.base_url",
         "Where the site is published; needed for the sitemap, feed and 404 page."},
        {"site.theme", "Folder name under themes/; default 'default'."},
        {"site.brand_colour", "#rrggbb, used as the header background."},
        {"site.logo", "Logo image, a file in the site folder."},
        {"site.logo_alt", "Text alternative for the logo (needed with 'logo')."},
        {"site.summary",
         "The homepage summary (Markdown): what the partnership is, its aim, how "
         "often it meets, how to ask questions."},
        {"site.aim", "One-sentence aim."},
        {"site.meeting_frequency", "e.g. \"quarterly\"."},
        {"site.meetings_public", "Whether meetings are open to the public."},
        {"site.public_questions", "How members of the public can ask questions (Markdown)."},
        {"site.contact", "Contact details: at least one of email, phone or address."},
        {"site.contact.name", "Whom to contact, e.g. \"LSP Support Officer\"."},
        {"site.contact.email", "An email address, written plainly."},
        {"site.contact.phone", "A phone number, as it is shown; its link dials only the number."},
        {"site.contact.address", "Postal address, lines separated by newlines."},
        {"site.contact.url", "A contact page elsewhere."},
        {"site.independent",
         "true when the site is the partnership's own, not part of a "
         "council's website. Default false."},
        {"site.hosted_by", "Who hosts the website, e.g. \"Spelthorne Borough Council\"."},
        {"site.governance", "How the partnership works, shown on /how-we-work/."},
        {"site.governance.membership", "How members are chosen (Markdown)."},
        {"site.governance.agenda", "How items reach the agenda (Markdown)."},
        {"site.governance.decisions", "How decisions are made (Markdown)."},
        {"site.key_documents", "Ids from documents.yaml, in homepage order."},
        {"site.regional_glossary",
         "Default true: the jargon-buster includes the regional glossary that ships with lspgen."},
        {"site.jargon_first_use",
         "What the first use of a glossary term on a page gets: expand (default: an "
         "abbreviation is followed by its expansion in brackets), link (a link to the "
         "jargon-buster), or none."},
        {"site.accessibility",
         "What the accessibility statement needs beyond the rest of the data."},
        {"site.accessibility.email",
         "Where to ask for content in another format; default contact.email."},
        {"site.accessibility.phone", "Default contact.phone."},
        {"site.accessibility.response_days", "How many working days you take to answer (1-60)."},
        {"site.accessibility.known_issues", "What you know is not accessible."},
        {"site.accessibility.known_issues.issue", "What is not accessible and why (Markdown)."},
        {"site.accessibility.known_issues.criterion",
         "The WCAG success criterion it fails, e.g. \"1.1.1 Non-text content\"."},
        {"site.accessibility.known_issues.reason",
         "non-compliance (default), disproportionate-burden or out-of-scope."},
        {"site.accessibility.known_issues.fix_by", "When it will be fixed, YYYY-MM-DD."},
        {"site.accessibility.audit",
         "The results of the site's own accessibility test by hand; without it the statement "
         "says the site is partially compliant and not yet tested by hand."},
        {"site.accessibility.audit.date", "When the site was last tested, YYYY-MM-DD."},
        {"site.accessibility.audit.by", "Who tested it, e.g. an organisation's name."},
        {"site.accessibility.audit.method", "How the pages were chosen and tested (Markdown)."},
        {"site.accessibility.audit.result",
         "fully-compliant, partially-compliant or not-compliant: what the test found."},
        {"site.accessibility.prepared", "When the statement was prepared, YYYY-MM-DD."},
        {"site.accessibility.reviewed", "When it was last reviewed; not before 'prepared'."},

        {"members.id", "Used in the page address /members/<id>/."},
        {"members.name", "Full name."},
        {"members.honorific", "e.g. \"Cllr\", \"Dr\"."},
        {"members.role", "Chair, Vice-chair, Member, Adviser, Observer or Officer."},
        {"members.organisation", "e.g. \"Spelthorne Borough Council\"."},
        {"members.sector", "public, private, voluntary, community, faith or elected-member."},
        {"members.represents", "Whom the member speaks for."},
        {"members.photo", "Photo, a file in the site folder."},
        {"members.photo_alt", "Text alternative for the photo (needed with 'photo')."},
        {"members.bio", "Biography (Markdown)."},
        {"members.appointed", "When the member was appointed, YYYY-MM-DD."},
        {"members.term_ends", "When the term ends, YYYY-MM-DD; not before 'appointed'."},
        {"members.boards", "Ids from boards.yaml."},
        {"members.interests", "Register of interests; [] says none have been declared."},

        {"boards.name", "e.g. \"Health & Well-being Board\"."},
        {"boards.remit", "What the board is for (Markdown)."},
        {"boards.chair", "A member id."},
        {"boards.chair_note", "Shown beside the chair, e.g. \"interim chair\", or instead of one."},

        {"meetings.id", "Used in the page address /meetings/<id>/."},
        {"meetings.title", "e.g. \"LSP Executive\"."},
        {"meetings.board", "A board id; absent means the partnership itself."},
        {"meetings.date", "The day of the meeting, YYYY-MM-DD."},
        {"meetings.venue", "Where the meeting is held."},
        {"meetings.public", "Open to the public; default true."},
        {"meetings.status", "scheduled (default), held, cancelled or postponed."},
        {"meetings.summary", "A short note on the meeting (Markdown)."},
        {"meetings.agenda", "A document id, or a mapping with one of file, url or document."},
        {"meetings.minutes", "A document id, or a mapping with one of file, url or document."},
        {"meetings.papers", "Each: title, item and one of file, url or document."},
        {"meetings.papers.item", "The agenda item number."},
        {"meetings.papers.title", "The paper's title."},
        {"meetings.attended", "Member ids (members.yaml) of those who attended."},
        {"meetings.apologies", "Member ids (members.yaml) of those who sent apologies."},
        {"meetings.decisions", "Each: text, and the paper it is about (optional)."},
        {"meetings.decisions.text", "The decision, in a sentence or two."},
        {"meetings.decisions.paper", "The 'item' of one of this meeting's papers."},

        {"documents.type",
         "sustainable-community-strategy, local-area-agreement, annual-report, handbook, "
         "agenda, minutes, report or other."},
        {"documents.title", "The document's title."},
        {"documents.file", "A local file; its format and size are shown in the link text."},
        {"documents.url", "A page elsewhere (instead of 'file')."},
        {"documents.published", "When it was published, YYYY-MM-DD."},
        {"documents.summary", "A short summary (Markdown)."},

        {"events.id", "The event's anchor on /events/ (#event-<id>)."},
        {"events.title", "The event's title."},
        {"events.date", "The day of the event, YYYY-MM-DD."},
        {"events.venue", "Where the event is held."},
        {"events.description", "What the event is (Markdown)."},
        {"events.booking_email", "An email address to book by."},
        {"events.booking_url", "A page to book on."},
        {"events.booking_note", "e.g. \"Attendance is free.\""},
        {"events.cancelled", "true when the event is cancelled."},

        {"indicators.code", "e.g. \"NI 186\"; unique."},
        {"indicators.title", "The indicator's title."},
        {"indicators.theme", "Indicators are grouped by theme on /performance/."},
        {"indicators.lead", "The lead partner."},
        {"indicators.unit", "e.g. \"admissions per 100,000 people\"."},
        {"indicators.direction", "higher-is-better or lower-is-better."},
        {"indicators.baseline", "{period: 2007/08, value: 1510}"},
        {"indicators.target", "{period: 2010/11, value: 1400}"},
        {"indicators.results", "[{period: 2008/09, value: 1490}, ...], oldest first."},
        {"indicators.note", "e.g. where the figures come from (Markdown)."},
        {"indicators.status",
         "target-met, improving, not-improving, worse or no-data; leave it "
         "out and lspgen works it out."},

        {"glossary.term", "The abbreviation or word exactly as it appears in text (\"LAA\")."},
        {"glossary.expansion",
         "What an abbreviation stands for (\"Local Area Agreement\"); for a full term, a short "
         "description."},
        {"glossary.definition",
         "A plain-English explanation (Markdown); required unless the term is an abbreviation "
         "with an expansion."},
        {"glossary.plural", "Defaults to the term plus \"s\"; \"\" for none."},
        {"glossary.plural_expansion",
         "The expansion of the plural; defaults to the expansion made plural (\"Local Area "
         "Agreements\")."},
        {"glossary.abbreviation",
         "Whether the term is an abbreviation; by default, when it is one word with two or more "
         "capital letters (\"LSP\", \"IDeA\", \"NI 39\")."},
        {"glossary.match",
         "Default true; false: the term is never looked for in the text (an everyday word such "
         "as \"ward\")."},
        {"glossary.see_also", "Other terms in the glossary."},

        {"pages.title", "The page's <h1> and title."},
        {"pages.summary", "One line shown under the title and in the page description."},
        {"pages.menu", "When set, the page is in the main navigation, ordered by this number."},
        {"pages.updated", "Shown as \"Last updated\", YYYY-MM-DD."},

        {"news.title", "The news item's title."},
        {"news.date", "The item's date, YYYY-MM-DD; items are listed newest first."},
        {"news.summary", "One sentence for lists, the homepage and the feed."},
    };
    return table;
}

}  // namespace

std::string field_description(const std::string& path) {
    const auto& table = descriptions();
    if (auto exact = table.find(path); exact != table.end()) return exact->second;
    const std::string key = path.substr(path.rfind('.') + 1);
    if (auto any = table.find("*." + key); any != table.end()) return any->second;
    return {};
}

}  // namespace lspgen
