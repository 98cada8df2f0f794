// The pages of the partnership's record: meetings, documents, pages/*.md
// and the 404 page.
#include <algorithm>

#include "render/meeting_record.hpp"
#include "render/open_data.hpp"
#include "render/render_site.hpp"
#include "render/views.hpp"

namespace lspgen::render {

namespace {

// Groups meetings under their board's name, boards in first-seen order.
List grouped_by_board(const Views& views, const std::vector<const Meeting*>& meetings,
                      const std::string& root) {
    std::vector<std::pair<std::string, List>> groups;
    for (const Meeting* m : meetings) {
        Data summary = views.meeting_summary(*m, root);
        add_records(views, *m, root, summary);
        const Board* board = m->board ? views.site().find_board(m->board->id) : nullptr;
        const std::string name = board ? board->name : views.site().settings.short_name;
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const auto& g) { return g.first == name; });
        if (it == groups.end()) {
            groups.emplace_back(name, List{});
            it = groups.end() - 1;
        }
        it->second.push_back(summary);
    }
    List result;
    for (auto& [name, list] : groups) {
        Data group;
        group.set("board", name);
        group.set("meetings", list);
        result.push_back(group);
    }
    return result;
}

}  // namespace

bool render_meetings(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const Site& site = views.site();
    {
        const std::string file = kMeetingsPage;
        const std::string root = root_prefix(file);
        Data data = views.page(
            "Meetings", file, "meetings",
            "When " + site.settings.short_name + " meets, with agendas, minutes and papers.");
        Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
        const auto upcoming = upcoming_meetings(site, views.today());
        std::vector<const Meeting*> past;
        for (const auto& m : site.meetings) {
            if (std::find(upcoming.begin(), upcoming.end(), &m) == upcoming.end())
                past.push_back(&m);
        }
        std::stable_sort(past.begin(), past.end(),
                         [](const Meeting* a, const Meeting* b) { return a->date > b->date; });
        data.set("has_upcoming", !upcoming.empty());
        data.set("upcoming", grouped_by_board(views, upcoming, root));
        data.set("has_past", !past.empty());
        data.set("past", grouped_by_board(views, past, root));
        set_text(data, "meeting_frequency", site.settings.meeting_frequency);
        data.set("calendar_href", root + "meetings.ics");
        if (!emit_page(theme, "meetings", file, data, out, d)) return false;
    }
    for (const auto& m : site.meetings) {
        const std::string file = meeting_page(m.id);
        const std::string root = root_prefix(file);
        Data data = views.page(
            m.title + ", " + m.date.text(), file, "meetings",
            m.title + " on " + m.date.long_text() + (m.venue.empty() ? "" : " at " + m.venue));
        Views::set_breadcrumbs(data,
                               {{"Home", root + "index.html"}, {"Meetings", root + kMeetingsPage}});
        data.set("meeting", views.meeting_summary(m, root));
        data.set("json_ld", meeting_json_ld(site, m));
        data.set("calendar_href", root + "meetings.ics");
        set_text(data, "summary_html", views.markdown_html(m.summary, root, 2));
        data.set("agenda", views.attachment_link(m.agenda, "Agenda", root));
        data.set("minutes", views.attachment_link(m.minutes, "Minutes", root));
        List papers;
        for (const auto& p : m.papers) {
            Data paper = views.attachment_link(p.attachment, p.title, root);
            if (paper.is_false()) {
                paper = Data();
                paper.set("title", p.title);
            }
            set_text(paper, "item", p.item);
            papers.push_back(paper);
        }
        add_outcomes(views, m, root, data);
        data.set("has_papers", !m.papers.empty());
        data.set("papers", papers);
        data.set("has_agenda_or_minutes", m.agenda.kind != Attachment::Kind::none ||
                                              m.minutes.kind != Attachment::Kind::none);
        data.set("has_documents", m.agenda.kind != Attachment::Kind::none ||
                                      m.minutes.kind != Attachment::Kind::none ||
                                      !m.papers.empty());
        if (!emit_page(theme, "meeting", file, data, out, d)) return false;
    }
    return true;
}

bool render_documents(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const Site& site = views.site();
    const std::string file = kDocumentsPage;
    const std::string root = root_prefix(file);
    Data data = views.page("Documents", file, "documents",
                           "The Sustainable Community Strategy, the Local Area Agreement, annual "
                           "reports and other papers of " +
                               site.settings.short_name + ".");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
    List groups;
    for (const auto& type : document_types()) {
        List docs;
        for (const auto& doc : site.documents) {
            if (doc.type == type) docs.push_back(views.document_link(doc, root));
        }
        if (docs.empty()) continue;
        Data group;
        group.set("id", type);
        group.set("heading", document_type_label(type));
        group.set("documents", docs);
        groups.push_back(group);
    }
    data.set("has_documents", !site.documents.empty());
    data.set("groups", groups);
    return emit_page(theme, "documents", file, data, out, d);
}

bool render_pages(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    for (const auto& p : views.site().pages) {
        const std::string file = content_page(p.slug);
        const std::string root = root_prefix(file);
        Data data = views.page(p.title, file, p.slug, p.summary);
        Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
        set_text(data, "summary_html", views.text_html(p.summary));
        set_text(data, "body_html", views.markdown_html(p.body, root, 2));
        if (p.updated) {
            data.set("updated_iso", p.updated->iso());
            data.set("updated_text", p.updated->text());
        }
        if (!emit_page(theme, "page", file, data, out, d)) return false;
    }
    return true;
}

bool render_not_found(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    // 404.html is served for any missing address, so its links cannot be
    // relative to where it sits: use base_url when the site has one.
    const std::string file = "404.html";
    Data data = views.page("Page not found", file, "", "");
    return emit_page(theme, "404", file, data, out, d);
}

}  // namespace lspgen::render
