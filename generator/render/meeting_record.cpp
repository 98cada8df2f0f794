#include "render/meeting_record.hpp"

namespace lspgen::render {

namespace {

List people(const Views& views, const std::vector<IdRef>& refs, const std::string& root) {
    List list;
    for (const auto& ref : refs) {
        const Member* m = views.site().find_member(ref.id);
        if (!m) continue;
        Data d;
        d.set("name", m->display_name());
        d.set("href", root + member_page(m->id));
        set_text(d, "organisation", m->organisation);
        list.push_back(d);
    }
    return list;
}

std::string names(const Site& site, const std::vector<IdRef>& refs) {
    std::string text;
    for (const auto& ref : refs) {
        const Member* m = site.find_member(ref.id);
        if (!m) continue;
        text += (text.empty() ? "" : ", ") + m->display_name();
    }
    return text;
}

}  // namespace

void add_records(const Views& views, const Meeting& m, const std::string& root, Data& summary) {
    const Data agenda = views.attachment_link(m.agenda, "Agenda", root);
    const Data minutes = views.attachment_link(m.minutes, "Minutes", root);
    summary.set("agenda", agenda);
    summary.set("minutes", minutes);
    if (!m.papers.empty()) {
        summary.set("papers_text", m.papers.size() == 1
                                       ? std::string("1 paper")
                                       : std::to_string(m.papers.size()) + " papers");
        summary.set("papers_href", root + meeting_page(m.id) + "#papers-heading");
    }
    summary.set("has_records", !agenda.is_false() || !minutes.is_false() || !m.papers.empty());
}

void add_outcomes(const Views& views, const Meeting& m, const std::string& root, Data& page) {
    const List attended = people(views, m.attended, root);
    const List apologies = people(views, m.apologies, root);
    page.set("has_attendance", !attended.empty() || !apologies.empty());
    page.set("has_attended", !attended.empty());
    page.set("attended", attended);
    page.set("has_apologies", !apologies.empty());
    page.set("apologies", apologies);
    List decisions;
    for (const auto& decision : m.decisions) {
        Data d;
        d.set("text", decision.text);
        if (decision.paper_index) {
            const Paper& paper = m.papers[*decision.paper_index];
            Data link = views.attachment_link(paper.attachment, paper.title, root);
            if (link.is_false()) {
                link = Data();
                link.set("title", paper.title);
            }
            set_text(link, "item", paper.item);
            d.set("paper", link);
        }
        decisions.push_back(d);
    }
    page.set("has_decisions", !decisions.empty());
    page.set("decisions", decisions);
}

std::string outcomes_text(const Site& site, const Meeting& m) {
    std::string text;
    if (const std::string who = names(site, m.attended); !who.empty()) {
        text += "Attended: " + who + ".";
    }
    if (const std::string who = names(site, m.apologies); !who.empty()) {
        text += (text.empty() ? "" : "\n") + ("Apologies: " + who + ".");
    }
    if (!m.decisions.empty()) {
        text += std::string(text.empty() ? "" : "\n\n") + "Decisions:";
        for (const auto& d : m.decisions) {
            text += "\n- " + d.text;
            if (d.paper_index) {
                const Paper& p = m.papers[*d.paper_index];
                text += " (" + (p.item.empty() ? std::string() : "item " + p.item + ", ") +
                        p.title + ")";
            }
        }
    }
    return text;
}

}  // namespace lspgen::render
