// Machine-readable feeds: the Atom news feed and the iCalendar meetings feed.
#include <pugixml.hpp>

#include <algorithm>
#include <sstream>

#include "markdown/markdown.hpp"
#include "render/calendar.hpp"
#include "render/meeting_record.hpp"
#include "render/render_site.hpp"
#include "render/views.hpp"
#include "version.hpp"

namespace lspgen::render {

namespace {

/// How many of the newest news items feed.xml carries.
constexpr size_t kFeedItems = 50;

std::string atom_date(const Date& date) {
    return date.iso() + "T00:00:00Z";
}

// Block scalars end with a newline that a calendar would show as a blank line.
std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

}  // namespace

void render_atom_feed(const Site& site, RenderedSite& out) {
    const std::string& base = site.settings.base_url;
    if (site.news.empty() || base.empty()) return;  // validation insists on base_url
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto feed = doc.append_child("feed");
    feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
    feed.append_attribute("xml:lang") = site.settings.language.c_str();
    feed.append_child("title").text() = (site.settings.name + ": news").c_str();
    feed.append_child("id").text() = (base + "news/").c_str();
    feed.append_child("updated").text() = atom_date(site.news.front().date).c_str();
    auto self = feed.append_child("link");
    self.append_attribute("rel") = "self";
    self.append_attribute("type") = "application/atom+xml";
    self.append_attribute("href") = (base + "feed.xml").c_str();
    auto alternate = feed.append_child("link");
    alternate.append_attribute("rel") = "alternate";
    alternate.append_attribute("type") = "text/html";
    alternate.append_attribute("href") = (base + "news/").c_str();
    feed.append_child("author").append_child("name").text() = site.settings.name.c_str();
    auto generator = feed.append_child("generator");
    generator.append_attribute("version") = kVersion;
    generator.text() = "lspgen";
    // The newest items only, as feeds go: a reader polls it for what is new,
    // and the news page lists everything.
    const size_t count = std::min(site.news.size(), kFeedItems);
    for (size_t i = 0; i < count; ++i) {
        const NewsItem& item = site.news[i];
        const std::string url = base + "news/" + item.slug + "/";
        auto entry = feed.append_child("entry");
        // Relative links in the content resolve against the item's own page.
        entry.append_attribute("xml:base") = url.c_str();
        entry.append_child("title").text() = item.title.c_str();
        entry.append_child("id").text() = url.c_str();
        entry.append_child("published").text() = atom_date(item.date).c_str();
        entry.append_child("updated").text() = atom_date(item.date).c_str();
        auto link = entry.append_child("link");
        link.append_attribute("rel") = "alternate";
        link.append_attribute("type") = "text/html";
        link.append_attribute("href") = url.c_str();
        entry.append_child("summary").text() = item.summary.c_str();
        auto content = entry.append_child("content");
        content.append_attribute("type") = "html";
        content.text() = markdown::to_html(item.body.text, {2, "../../", nullptr}).c_str();
    }
    std::ostringstream xml;
    doc.save(xml, "  ", pugi::format_default, pugi::encoding_utf8);
    out.files.push_back({"feed.xml", xml.str()});
}

void render_calendar(const Site& site, const Date& today, RenderedSite& out) {
    calendar::Calendar cal =
        site_calendar(site, site.settings.short_name + " meetings and events", today);
    const std::string& base = site.settings.base_url;
    for (const auto& m : site.meetings) {
        calendar::Entry e;
        e.uid = "meeting-" + m.id + "@" + site.slug + ".lspgen";
        const Board* board = m.board ? site.find_board(m.board->id) : nullptr;
        const std::string group = board ? board->name : site.settings.short_name;
        e.summary =
            m.title.find(group) == std::string::npos ? m.title + " (" + group + ")" : m.title;
        e.description = trimmed(m.summary.text);
        if (const std::string outcomes = outcomes_text(site, m); !outcomes.empty()) {
            e.description += (e.description.empty() ? "" : "\n\n") + outcomes;
        }
        e.location = m.venue;
        if (!base.empty()) e.url = base + "meetings/" + m.id + "/";
        e.date = m.date;
        e.start = m.start;
        e.end = m.end;
        e.cancelled = m.status == MeetingStatus::cancelled;
        e.postponed = m.status == MeetingStatus::postponed;
        cal.entries.push_back(std::move(e));
    }
    for (const auto& ev : site.events) {
        calendar::Entry e;
        e.uid = event_uid(site, ev);
        e.summary = ev.title;
        e.description = trimmed(ev.description.text);
        e.location = ev.venue;
        e.url = event_url(site, ev);
        e.date = ev.date;
        e.start = ev.start;
        e.end = ev.end;
        e.cancelled = ev.cancelled;
        cal.entries.push_back(std::move(e));
    }
    out.files.push_back({"meetings.ics", calendar::write(cal)});
}

std::string event_anchor(const Event& event) {
    return "event-" + event.id;
}

std::string event_url(const Site& site, const Event& event) {
    const std::string& base = site.settings.base_url;
    return base.empty() ? std::string() : base + "events/#" + event_anchor(event);
}

std::string event_uid(const Site& site, const Event& event) {
    return event_anchor(event) + "@" + site.slug + ".lspgen";
}

calendar::Calendar site_calendar(const Site& site, const std::string& name, const Date& today) {
    calendar::Calendar cal;
    cal.name = name;
    cal.prodid = std::string("-//lspgen//lspgen ") + kVersion + "//EN";
    cal.stamp = today;
    // RFC 5546: events published to subscribers name their organiser.
    cal.organizer_name = site.settings.name;
    cal.organizer_email = site.settings.contact.email;
    return cal;
}

}  // namespace lspgen::render
