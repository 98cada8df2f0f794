// The pages about people and how they work together: home, members,
// a member's biography, and how the partnership works.
#include "render/open_data.hpp"
#include "render/render_site.hpp"
#include "render/views.hpp"

namespace lspgen::render {

std::vector<const Meeting*> upcoming_meetings(const Site& site, const Date& today) {
    std::vector<const Meeting*> upcoming;
    for (const auto& m : site.meetings) {
        if (m.date >= today && m.status != MeetingStatus::held) upcoming.push_back(&m);
    }
    std::stable_sort(upcoming.begin(), upcoming.end(),
                     [](const Meeting* a, const Meeting* b) { return a->date < b->date; });
    return upcoming;
}

bool render_home(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const Site& site = views.site();
    const SiteSettings& s = site.settings;
    const std::string file = "index.html";
    const std::string root = root_prefix(file);
    Data data = views.page(s.name, file, "home", s.aim);

    // The aim is shown first, so it gets the first use of any term in it.
    set_text(data, "aim_html", views.text_html(s.aim));
    set_text(data, "summary_html", views.markdown_html(s.summary, root, 2));
    set_text(data, "meeting_frequency", s.meeting_frequency);
    if (s.meetings_public)
        data.set(*s.meetings_public ? "meetings_public" : "meetings_private", true);

    List posts;
    posts.push_back(views.post(Role::chair, "Chair", root));
    posts.push_back(views.post(Role::vice_chair, "Vice-chair", root));
    data.set("posts", posts);

    List next;
    const auto upcoming = upcoming_meetings(site, views.today());
    for (size_t i = 0; i < upcoming.size() && i < 3; ++i) {
        next.push_back(views.meeting_summary(*upcoming[i], root));
    }
    data.set("has_next_meetings", !upcoming.empty());
    data.set("next_meetings", next);

    List key_documents;
    for (const auto& ref : s.key_documents) {
        if (const Document* doc = site.find_document(ref.id)) {
            key_documents.push_back(views.document_link(*doc, root));
        }
    }
    data.set("has_key_documents", !s.key_documents.empty());
    data.set("key_documents", key_documents);
    data.set("members_href", root + kMembersPage);
    data.set("meetings_href", root + kMeetingsPage);
    data.set("documents_href", root + kDocumentsPage);
    data.set("how_we_work_href", root + kHowWeWorkPage);
    data.set("member_count", std::to_string(site.members.size()));
    data.set("json_ld", organization_json_ld(site));
    data.set("calendar_href", root + "meetings.ics");
    // Latest news and the next events, when the site has them.
    List news;
    for (size_t i = 0; i < site.news.size() && i < 3; ++i) {
        news.push_back(news_summary(views, site.news[i], root));
    }
    data.set("has_news", !site.news.empty());
    data.set("news", news);
    data.set("news_href", root + kNewsPage);
    List events;
    for (const auto& e : site.events) {
        if (e.date >= views.today() && events.size() < 3)
            events.push_back(event_summary(views, e, root));
    }
    data.set("has_events", !events.empty());
    data.set("events", events);
    data.set("events_href", root + kEventsPage);
    data.set("has_performance", !site.indicators.empty());
    data.set("performance_href", root + kPerformancePage);
    // Rendered last because it is shown last: the first use of a term is
    // marked where a reader meets it first.
    set_text(data, "public_questions_html", views.markdown_html(s.public_questions, root, 3));
    return emit_page(theme, "home", file, data, out, d);
}

bool render_members(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const Site& site = views.site();
    {
        const std::string file = kMembersPage;
        const std::string root = root_prefix(file);
        Data data = views.page("Members", file, "members",
                               "Who sits on " + site.settings.name + " and whom they represent.");
        Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
        List posts;
        posts.push_back(views.post(Role::chair, "Chair", root));
        posts.push_back(views.post(Role::vice_chair, "Vice-chair", root));
        data.set("posts", posts);
        List members;
        // Post holders first, then everyone else in file order.
        for (Role role : {Role::chair, Role::vice_chair}) {
            if (const Member* m = site.post_holder(role))
                members.push_back(views.member_card(*m, root));
        }
        for (const auto& m : site.members) {
            if (m.role != Role::chair && m.role != Role::vice_chair) {
                members.push_back(views.member_card(m, root));
            }
        }
        data.set("has_members", !site.members.empty());
        data.set("members", members);
        if (!emit_page(theme, "members", file, data, out, d)) return false;
    }
    for (const auto& m : site.members) {
        const std::string file = member_page(m.id);
        const std::string root = root_prefix(file);
        Data data =
            views.page(m.display_name(), file, "members", m.role_text + ", " + m.organisation);
        Views::set_breadcrumbs(data,
                               {{"Home", root + "index.html"}, {"Members", root + kMembersPage}});
        data.set("member", views.member_card(m, root));
        data.set("json_ld", person_json_ld(site, m));
        set_text(data, "bio_html", views.markdown_html(m.bio, root, 3));
        List boards;
        for (const auto& ref : m.boards) {
            if (const Board* b = site.find_board(ref.id)) {
                Data board;
                board.set("name", b->name);
                board.set("href", root + kHowWeWorkPage + "#board-" + b->id);
                boards.push_back(board);
            }
        }
        data.set("has_boards", !m.boards.empty());
        data.set("boards", boards);
        // Say "none declared" only when the register says so: an absent
        // register is not a claim about the member.
        if (m.interests) {
            List interests;
            for (const auto& i : *m.interests) interests.push_back(Data("interest", i));
            data.set("has_register", true);
            data.set("has_interests", !m.interests->empty());
            data.set("interests", interests);
        }
        if (m.appointed) data.set("appointed_text", m.appointed->text());
        if (m.term_ends) data.set("term_ends_text", m.term_ends->text());
        data.set("has_term", m.appointed.has_value() || m.term_ends.has_value());
        if (!emit_page(theme, "member", file, data, out, d)) return false;
    }
    return true;
}

bool render_how_we_work(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const Site& site = views.site();
    const SiteSettings& s = site.settings;
    const std::string file = kHowWeWorkPage;
    const std::string root = root_prefix(file);
    Data data = views.page("How we work", file, "how-we-work",
                           "How members are chosen, how items reach the agenda and how decisions "
                           "are made.");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
    List sections;
    auto add = [&](const char* id, const char* heading, const Markdown& md) {
        Data section;
        section.set("id", id);
        section.set("heading", heading);
        set_text(section, "html", views.markdown_html(md, root, 3));
        section.set("missing", md.empty());
        sections.push_back(section);
    };
    add("membership", "How members are chosen", s.governance.membership);
    add("agenda", "How items reach the agenda", s.governance.agenda);
    add("decisions", "How decisions are made", s.governance.decisions);
    data.set("sections", sections);

    List boards;
    for (const auto& b : site.boards) {
        Data board;
        board.set("id", "board-" + b.id);
        board.set("name", b.name);
        set_text(board, "remit_html", views.markdown_html(b.remit, root, 4));
        const Member* chair = b.chair ? site.find_member(b.chair->id) : nullptr;
        if (chair) board.set("chair", views.member_card(*chair, root));
        set_text(board, "chair_note", b.chair_note);
        board.set("has_chair_line", chair != nullptr || !b.chair_note.empty());
        List members;
        for (const auto& m : site.members) {
            for (const auto& ref : m.boards) {
                if (ref.id == b.id) members.push_back(views.member_card(m, root));
            }
        }
        board.set("has_members", !members.empty());
        board.set("members", members);
        boards.push_back(board);
    }
    data.set("has_boards", !site.boards.empty());
    data.set("boards", boards);
    set_text(data, "meeting_frequency", s.meeting_frequency);
    if (s.meetings_public)
        data.set(*s.meetings_public ? "meetings_public" : "meetings_private", true);
    data.set("meetings_href", root + kMeetingsPage);
    return emit_page(theme, "how-we-work", file, data, out, d);
}

bool render_contact(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const SiteSettings& s = views.site().settings;
    const std::string file = kContactPage;
    const std::string root = root_prefix(file);
    Data data = views.page("Contact us", file, "contact", "How to contact " + s.name + ".");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
    set_text(data, "public_questions_html", views.markdown_html(s.public_questions, root, 3));
    if (s.meetings_public)
        data.set(*s.meetings_public ? "meetings_public" : "meetings_private", true);
    data.set("meetings_href", root + kMeetingsPage);
    return emit_page(theme, "contact", file, data, out, d);
}

}  // namespace lspgen::render
