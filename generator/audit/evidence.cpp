// Evidence from a site's data folder: everything the checklist asks is known.
#include <sstream>

#include "audit/audit.hpp"

namespace lspgen::audit {

namespace {

int word_count(const std::string& text) {
    std::istringstream words(text);
    int n = 0;
    for (std::string w; words >> w;) ++n;
    return n;
}

DocumentEvidence document_evidence(const Site& site, const std::string& type) {
    DocumentEvidence d;
    for (const auto& doc : site.documents) {
        if (doc.type != type) continue;
        d.exists = true;
        for (const auto& ref : site.settings.key_documents) {
            if (ref.id == doc.id) d.on_homepage = true;
        }
    }
    return d;
}

}  // namespace

Evidence evidence_from_site(const Site& site, const Date& today) {
    const SiteSettings& s = site.settings;
    Evidence e;
    e.name = s.name;
    e.summary_words = word_count(s.summary.text);
    e.has_aim = !s.aim.empty();
    e.has_meeting_frequency = !s.meeting_frequency.empty();
    e.says_meetings_public = s.meetings_public.has_value();
    e.has_public_questions = !s.public_questions.empty();
    const Member* chair = site.post_holder(Role::chair);
    const Member* vice_chair = site.post_holder(Role::vice_chair);
    e.chair = chair ? chair->display_name() : "";
    e.vice_chair = vice_chair ? vice_chair->display_name() : "";
    e.members = static_cast<int>(site.members.size());
    e.members_with_photo = 0;
    e.members_with_bio = 0;
    for (const auto& m : site.members) {
        *e.members_with_photo += m.photo ? 1 : 0;
        *e.members_with_bio += m.bio.empty() ? 0 : 1;
    }
    e.upcoming_meetings = 0;
    e.past_meetings = 0;
    e.past_meetings_with_agenda = 0;
    e.past_meetings_with_minutes = 0;
    e.past_meetings_with_decisions = 0;
    const Meeting* first_without_papers = nullptr;
    const Meeting* first_without_decisions = nullptr;
    for (const auto& m : site.meetings) {
        const bool off =
            m.status == MeetingStatus::cancelled || m.status == MeetingStatus::postponed;
        if (m.date >= today && m.status != MeetingStatus::held && !off) ++*e.upcoming_meetings;
        if (m.date < today && !off) {
            ++*e.past_meetings;
            const bool agenda = m.agenda.kind != Attachment::Kind::none;
            const bool minutes = m.minutes.kind != Attachment::Kind::none;
            *e.past_meetings_with_agenda += agenda ? 1 : 0;
            *e.past_meetings_with_minutes += minutes ? 1 : 0;
            if ((!agenda || !minutes) && !first_without_papers) first_without_papers = &m;
            *e.past_meetings_with_decisions += m.decisions.empty() ? 0 : 1;
            if (m.decisions.empty() && !first_without_decisions) first_without_decisions = &m;
        }
    }
    e.scs = document_evidence(site, "sustainable-community-strategy");
    e.laa = document_evidence(site, "local-area-agreement");
    e.annual_report = document_evidence(site, "annual-report");
    e.handbook = document_evidence(site, "handbook");
    e.explains_membership = !s.governance.membership.empty();
    e.explains_agenda = !s.governance.agenda.empty();
    e.explains_decisions = !s.governance.decisions.empty();
    e.indicators = static_cast<int>(site.indicators.size());
    e.has_email = !s.contact.email.empty();
    e.has_phone = !s.contact.phone.empty();
    e.independent = s.independent;
    e.hosted_by = s.hosted_by;
    e.has_website = !s.base_url.empty();
    e.placeholders = static_cast<int>(site.placeholders.size());

    // Where each fix belongs, in the site's folder as the user typed it.
    const auto in_folder = [&](const char* file) { return site.display_path(file); };
    const SourceLocation settings{in_folder("site.yaml"), 0, 0};
    for (const char* id :
         {"aim", "meeting-frequency", "meetings-public", "public-questions", "scs", "laa",
          "handbook", "how-members-are-chosen", "how-items-reach-the-agenda",
          "how-decisions-are-made", "contact", "independent", "website-address"}) {
        e.where[id] = settings;
    }
    e.where["summary"] = s.summary.where;
    for (const char* id : {"chair", "vice-chair", "member-photos", "member-bios"}) {
        e.where[id] = {in_folder("members.yaml"), 0, 0};
    }
    for (const auto& m : site.members) {
        if (!m.photo) {
            e.where["member-photos"] = m.where;
            break;
        }
    }
    for (const auto& m : site.members) {
        if (m.bio.empty()) {
            e.where["member-bios"] = m.where;
            break;
        }
    }
    e.where["meeting-dates"] = {in_folder("meetings.yaml"), 0, 0};
    e.where["agendas-and-minutes"] = first_without_papers
                                         ? first_without_papers->where
                                         : SourceLocation{in_folder("meetings.yaml"), 0, 0};
    e.where["decisions-published"] = first_without_decisions
                                         ? first_without_decisions->where
                                         : SourceLocation{in_folder("meetings.yaml"), 0, 0};
    e.where["annual-report"] = {in_folder("documents.yaml"), 0, 0};
    e.where["performance"] = {in_folder("indicators.yaml"), 0, 0};
    e.where["placeholders"] =
        site.placeholders.empty() ? settings : site.placeholders.front().where;
    return e;
}

}  // namespace lspgen::audit
