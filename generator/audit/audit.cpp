// The good-practice checklist of SPEC §1, from the seed "The public face of
// LSPs": each item says what was found and what to add to meet it.
#include "audit/audit.hpp"

#include <algorithm>

namespace lspgen::audit {

namespace {

/// A summary longer than this is no longer "succinct" (the Milton Keynes
/// example the seed quotes has 96 words).
constexpr int kSuccinctSummaryWords = 250;

const char* const kNotPublished =
    "not known: the site's open data (data.json) does not publish this";

struct Checklist {
    const Evidence& e;
    std::vector<Item> items;

    Item& add(const char* id, const char* title, const char* example) {
        Item item;
        item.id = id;
        item.title = title;
        item.example = example;
        if (auto it = e.where.find(id); it != e.where.end()) item.where = it->second;
        items.push_back(std::move(item));
        return items.back();
    }
    static void met(Item& item, std::string why) {
        item.outcome = Outcome::met;
        item.why = std::move(why);
    }
    static void not_met(Item& item, std::string why, std::string fix) {
        item.outcome = Outcome::not_met;
        item.why = std::move(why);
        item.fix = std::move(fix);
    }
    static void unknown(Item& item) {
        item.outcome = Outcome::unknown;
        item.why = kNotPublished;
    }
    /// A yes/no fact: met when true.
    void flag(const char* id, const char* title, const char* example,
              const std::optional<bool>& fact, const char* yes, const char* no, const char* fix) {
        Item& item = add(id, title, example);
        if (!fact) return unknown(item);
        if (*fact) return met(item, yes);
        not_met(item, no, fix);
    }
    void post(const char* id, const char* title, const char* post,
              const std::optional<std::string>& holder) {
        Item& item = add(id, title, "Aylesbury Vale");
        if (!holder) return unknown(item);
        if (!holder->empty()) return met(item, *holder + " is named as " + post + ".");
        not_met(item, std::string("Nobody holds the post of ") + post + ".",
                std::string("Give one member 'role: ") + post +
                    "' in members.yaml (the homepage then names them).");
    }
    void document(const char* id, const char* title, const char* label, const char* type,
                  const char* example, const std::optional<DocumentEvidence>& doc,
                  bool needs_homepage) {
        Item& item = add(id, title, example);
        if (!doc) return unknown(item);
        if (!doc->exists) {
            return not_met(item, std::string("There is no ") + label + ".",
                           std::string("Add it to documents.yaml with 'type: ") + type + "'" +
                               (needs_homepage ? " and list its id in key_documents" : "") + ".");
        }
        if (needs_homepage && !doc->on_homepage) {
            return not_met(
                item, std::string("The ") + label + " is published but is not on the homepage.",
                "List its id in key_documents in site.yaml.");
        }
        met(item, std::string("The ") + label +
                      (needs_homepage ? " is one click from the homepage." : " is published."));
    }
};

std::string count_text(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// Whether the meetings held say what they decided: the seeds call
/// transparent decision-making rare.
void decisions_published(Checklist& c, const Evidence& e) {
    Item& item = c.add("decisions-published", "Decisions of meetings held", "rare, says the seed");
    if (!e.past_meetings || !e.past_meetings_with_decisions) return Checklist::unknown(item);
    const int held = *e.past_meetings;
    const int without = held - *e.past_meetings_with_decisions;
    if (held == 0) {
        return Checklist::not_met(item, "No meetings held so far are listed.",
                                  "Add past meetings to meetings.yaml with their 'decisions'.");
    }
    if (without > 0) {
        return Checklist::not_met(
            item,
            std::to_string(without) + " of " + std::to_string(held) + " meetings held " +
                (without == 1 ? "records" : "record") + " no decisions.",
            "Add 'decisions' to each held meeting in meetings.yaml: a short text for each, "
            "with the paper it was about.");
    }
    Checklist::met(
        item, held == 1 ? "The one meeting held records its decisions."
                        : "All " + std::to_string(held) + " meetings held record their decisions.");
}

}  // namespace

Report run(const Evidence& e) {
    Checklist c{e, {}};

    Item& summary =
        c.add("summary", "Informative, succinct summary on the homepage", "Milton Keynes");
    if (!e.summary_words) {
        Checklist::unknown(summary);
    } else if (*e.summary_words == 0) {
        Checklist::not_met(summary, "The homepage has no summary.",
                           "Write 'summary' in site.yaml: what the partnership is, its aim, how "
                           "often it meets, that meetings are public and how to ask questions.");
    } else if (*e.summary_words > kSuccinctSummaryWords) {
        Checklist::not_met(summary,
                           "The summary has " + std::to_string(*e.summary_words) +
                               " words: too long to be succinct.",
                           "Shorten 'summary' in site.yaml to " +
                               std::to_string(kSuccinctSummaryWords) +
                               " words or fewer; move detail to a page of its own.");
    } else {
        Checklist::met(summary,
                       "The homepage summary has " + std::to_string(*e.summary_words) + " words.");
    }
    c.flag("aim", "The partnership's aim", "Milton Keynes", e.has_aim, "The aim is stated.",
           "The aim is not stated.", "Add 'aim' to site.yaml: one sentence.");
    c.flag("meeting-frequency", "How often the partnership meets", "Milton Keynes",
           e.has_meeting_frequency, "The site says how often the partnership meets.",
           "The site does not say how often the partnership meets.",
           "Add 'meeting_frequency' to site.yaml, e.g. \"quarterly\".");
    c.flag("meetings-public", "Whether meetings are open to the public", "Milton Keynes",
           e.says_meetings_public, "The site says whether meetings are open to the public.",
           "The site does not say whether its meetings are open to the public.",
           "Add 'meetings_public: true' (or false) to site.yaml.");
    c.flag("public-questions", "How the public can ask questions", "Milton Keynes",
           e.has_public_questions, "The site explains how the public can ask questions.",
           "The site does not explain how the public can ask questions.",
           "Add 'public_questions' to site.yaml.");
    c.post("chair", "Chair named on the homepage", "Chair", e.chair);
    c.post("vice-chair", "Vice-chair named on the homepage", "Vice-chair", e.vice_chair);

    Item& photos = c.add("member-photos", "Members' names, organisations and photos", "Kent");
    if (!e.members || !e.members_with_photo) {
        Checklist::unknown(photos);
    } else if (*e.members == 0) {
        Checklist::not_met(photos, "No members are listed.",
                           "List the members in members.yaml, each with a photo.");
    } else if (*e.members_with_photo < *e.members) {
        Checklist::not_met(
            photos,
            count_text(*e.members - *e.members_with_photo, "member has", "members have") +
                " no photo (of " + std::to_string(*e.members) + ").",
            "Add 'photo' and 'photo_alt' to each member in members.yaml.");
    } else {
        Checklist::met(photos,
                       "All " + count_text(*e.members, "member has", "members have") + " a photo.");
    }
    Item& bios =
        c.add("member-bios", "A biography one click away for every member", "Aylesbury Vale");
    if (!e.members || !e.members_with_bio) {
        Checklist::unknown(bios);
    } else if (*e.members == 0 || *e.members_with_bio < *e.members) {
        Checklist::not_met(
            bios,
            *e.members == 0
                ? std::string("No members are listed.")
                : count_text(*e.members - *e.members_with_bio, "member has", "members have") +
                      " no biography (of " + std::to_string(*e.members) + ").",
            "Add 'bio' to each member in members.yaml.");
    } else {
        Checklist::met(bios, "Every member has a biography page.");
    }

    Item& dates = c.add("meeting-dates", "Meeting dates prominent on the homepage", "Wycombe");
    if (!e.upcoming_meetings) {
        Checklist::unknown(dates);
    } else if (*e.upcoming_meetings == 0) {
        Checklist::not_met(dates, "No meetings are scheduled from today on.",
                           "Add the next meetings' dates to meetings.yaml.");
    } else {
        Checklist::met(dates, count_text(*e.upcoming_meetings, "upcoming meeting is",
                                         "upcoming meetings are") +
                                  " on the homepage.");
    }

    c.document("scs", "Sustainable Community Strategy one click from the homepage",
               "Sustainable Community Strategy", "sustainable-community-strategy", "most LSPs",
               e.scs, true);
    c.document("laa", "Local Area Agreement one click from the homepage", "Local Area Agreement",
               "local-area-agreement", "few LSPs", e.laa, true);
    c.document("annual-report", "An annual report", "annual report", "annual-report",
               "rare, says the seed", e.annual_report, false);
    c.document("handbook", "A handbook on the homepage", "handbook", "handbook", "Bracknell Forest",
               e.handbook, true);

    c.flag("how-members-are-chosen", "How membership is selected", "rare, says the seed",
           e.explains_membership, "The site explains how members are chosen.",
           "The site does not explain how members are chosen.",
           "Add 'membership' under 'governance' in site.yaml.");
    c.flag("how-items-reach-the-agenda", "How issues get onto the agenda", "rare, says the seed",
           e.explains_agenda, "The site explains how items reach the agenda.",
           "The site does not explain how items reach the agenda.",
           "Add 'agenda' under 'governance' in site.yaml.");
    c.flag("how-decisions-are-made", "How decisions are made", "rare, says the seed",
           e.explains_decisions, "The site explains how decisions are made.",
           "The site does not explain how decisions are made.",
           "Add 'decisions' under 'governance' in site.yaml.");

    Item& papers = c.add("agendas-and-minutes", "Agendas and minutes of meetings held", "Slough");
    if (!e.past_meetings || !e.past_meetings_with_agenda || !e.past_meetings_with_minutes) {
        Checklist::unknown(papers);
    } else if (*e.past_meetings == 0) {
        Checklist::not_met(papers, "No meetings held so far are listed, so there are no minutes.",
                           "Add past meetings to meetings.yaml with their agenda and minutes.");
    } else {
        const int without = *e.past_meetings -
                            std::min(*e.past_meetings_with_agenda, *e.past_meetings_with_minutes);
        if (without > 0) {
            Checklist::not_met(papers,
                               std::to_string(without) + " of " + std::to_string(*e.past_meetings) +
                                   " meetings held " + (without == 1 ? "lacks" : "lack") +
                                   " an agenda or minutes.",
                               "Add 'agenda' and 'minutes' to each held meeting in meetings.yaml.");
        } else {
            Checklist::met(papers, *e.past_meetings == 1
                                       ? "The one meeting held has an agenda and minutes."
                                       : "All " + std::to_string(*e.past_meetings) +
                                             " meetings held have an agenda and minutes.");
        }
    }
    decisions_published(c, e);
    Item& performance = c.add("performance", "Performance against the LAA targets", "Slough");
    if (!e.indicators) {
        Checklist::unknown(performance);
    } else if (*e.indicators == 0) {
        Checklist::not_met(performance, "No LAA performance is published.",
                           "Add the LAA's National Indicators with targets and results to "
                           "indicators.yaml.");
    } else {
        Checklist::met(performance, count_text(*e.indicators, "indicator is", "indicators are") +
                                        " reported with targets and results.");
    }

    Item& contact = c.add("contact", "Phone and email on the homepage", "Milton Keynes");
    if (!e.has_email || !e.has_phone) {
        Checklist::unknown(contact);
    } else if (!*e.has_email || !*e.has_phone) {
        Checklist::not_met(
            contact,
            std::string("The contact details have no ") +
                (!*e.has_email ? (!*e.has_phone ? "phone or email" : "email") : "phone number") +
                ".",
            "Add 'email' and 'phone' under 'contact' in site.yaml.");
    } else {
        Checklist::met(contact, "The homepage gives a phone number and an email address.");
    }
    Item& independent = c.add("independent", "An independent website", "under half of LSPs");
    if (!e.independent) {
        Checklist::unknown(independent);
    } else if (*e.independent) {
        Checklist::met(independent, "The site is the partnership's own.");
    } else {
        Checklist::not_met(
            independent,
            e.hosted_by.empty() ? std::string("The site is not the partnership's own.")
                                : "The site is hosted by " + e.hosted_by + ".",
            "Publish the site independently of the council and set 'independent: true' in "
            "site.yaml: a council-run site can make the partnership look like part of it.");
    }
    c.flag("website-address", "A published web address the hub can link to", "PtP hub",
           e.has_website, "The site's address is known.",
           "The site's web address is not given, so its open data (data.json) leaves out the "
           "addresses of its pages, photos and files.",
           "Add 'base_url' to site.yaml: the regional hub links to it, and data.json needs it "
           "for absolute addresses.");
    Item& placeholders = c.add("placeholders", "No placeholder text left to publish", "lspgen new");
    if (!e.placeholders) {
        Checklist::unknown(placeholders);
    } else if (*e.placeholders == 0) {
        Checklist::met(placeholders, "The site's text holds no TODO markers or example contacts.");
    } else {
        Checklist::not_met(placeholders,
                           "The site's text still holds " +
                               count_text(*e.placeholders, "placeholder", "placeholders") +
                               " (TODO markers, example phone numbers or addresses).",
                           "Replace each with the partnership's own text (`lspgen build` lists "
                           "them once the site is no longer a draft), then remove 'status' "
                           "from site.yaml.");
    }

    // Items the evidence cannot show take what the site's own audit found.
    for (Item& item : c.items) {
        auto it = e.published.find(item.id);
        if (item.outcome != Outcome::unknown || it == e.published.end()) continue;
        if (it->second.first == Outcome::unknown) continue;
        item.outcome = it->second.first;
        item.why = it->second.second + " (from the site's own audit, in its data.json)";
        if (item.outcome == Outcome::not_met) item.fix = "See the partnership's own website.";
    }
    return Report{e.name, std::move(c.items)};
}

int Report::met() const {
    return static_cast<int>(std::count_if(items.begin(), items.end(),
                                          [](const Item& i) { return i.outcome == Outcome::met; }));
}

int Report::unknown() const {
    return static_cast<int>(std::count_if(
        items.begin(), items.end(), [](const Item& i) { return i.outcome == Outcome::unknown; }));
}

std::vector<const Item*> Report::missing() const {
    std::vector<const Item*> out;
    for (const auto& i : items) {
        if (i.outcome == Outcome::not_met) out.push_back(&i);
    }
    return out;
}

const std::vector<std::pair<std::string, std::string>>& checklist() {
    static const std::vector<std::pair<std::string, std::string>> list = [] {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& i : run(Evidence{}).items) out.emplace_back(i.id, i.title);
        return out;
    }();
    return list;
}

}  // namespace lspgen::audit
