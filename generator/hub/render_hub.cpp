// The hub's pages. Shared pages (jargon-buster, news, events, FAQ and other
// pages, contact, 404) are the LSP site's own renderers; the navigation is
// the hub's (render::Views knows the site is a hub).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "audit/report.hpp"
#include "hub/hub.hpp"
#include "render/calendar.hpp"
#include "render/open_data.hpp"
#include "render/views.hpp"
#include "version.hpp"

namespace lspgen::hub {

namespace fs = std::filesystem;
using render::Data;
using render::List;
using render::set_text;
using render::Views;

namespace {

std::string partnership_page(const std::string& slug) {
    return "partnerships/" + slug + "/index.html";
}

const HubEvent* next_meeting(const Partnership& p, const Date& today) {
    for (const auto& e : p.events) {
        if (e.is_meeting && !e.cancelled && !e.postponed && e.date >= today) return &e;
    }
    return nullptr;
}

char initial(const std::string& name) {
    for (unsigned char c : name) {
        if (std::isalpha(c)) return static_cast<char>(std::toupper(c));
    }
    return '#';
}

/// A meeting or event as the hub's pages list it, its status ("Postponed",
/// "Cancelled") with it wherever it appears. Times are written as the hub's
/// language expects them.
Data event_data(const Partnership& p, const HubEvent& e, const std::string& language = "en-GB") {
    Data d;
    d.set("title", e.title);
    d.set("partnership", p.short_name);
    d.set("date_iso", e.date.iso());
    d.set("date_text", e.date.text());
    d.set("long_date_text", e.date.long_text());
    set_text(d, "time_text", time_range_text(e.start, e.end, language));
    if (e.cancelled || e.postponed) {
        d.set("status", e.cancelled ? "Cancelled" : "Postponed");
        d.set("status_class", e.cancelled ? "cancelled" : "postponed");
    }
    set_text(d, "venue", e.venue);
    set_text(d, "url", e.url);
    return d;
}

// "PDF" for a link to a PDF (a link says what it opens), else "".
std::string document_format(const std::string& url) {
    const std::string path = url.substr(0, url.find_first_of("?#"));
    const size_t slash = path.rfind('/');
    if (path.find('.', slash == std::string::npos ? 0 : slash) == std::string::npos) return {};
    const std::string format = render::file_format(path);
    return format == "HTML" ? std::string() : format;
}

/// Everything a table row or a partnership's page says about it.
Data partnership_data(const Partnership& p, const std::string& root, const Date& today) {
    Data d;
    d.set("slug", p.slug);
    d.set("name", p.name);
    d.set("short_name", p.short_name);
    d.set("href", root + partnership_page(p.slug));
    set_text(d, "area", p.area);
    d.set("county", p.county.empty() ? std::string("Not known") : p.county);
    set_text(d, "website", p.website);
    auto post = [&](const char* key, const std::optional<std::string>& holder) {
        d.set(key, !holder           ? std::string("Not known")
                   : holder->empty() ? std::string("Vacant")
                                     : *holder);
    };
    post("chair", p.chair);
    post("vice_chair", p.vice_chair);
    if (const HubEvent* next = next_meeting(p, today)) d.set("next_meeting", event_data(p, *next));
    if (p.scs) {
        Data link;
        link.set("title", p.scs->title);
        link.set("href", p.scs->url);
        link.set("format", document_format(p.scs->url));
        d.set("scs", link);
    }
    if (p.laa) {
        Data link;
        link.set("title", p.laa->title);
        link.set("href", p.laa->url);
        link.set("format", document_format(p.laa->url));
        d.set("laa", link);
    }
    std::string independent = "Not known";
    if (p.independent) {
        independent = *p.independent        ? "Yes"
                      : p.hosted_by.empty() ? "No"
                                            : "No: hosted by " + p.hosted_by;
    }
    d.set("independent", independent);
    if (p.independent) {  // said under its website in the directory
        d.set("website_owner", *p.independent        ? std::string("Its own website")
                               : p.hosted_by.empty() ? std::string("Not its own website")
                                                     : "Hosted by " + p.hosted_by);
    }
    set_text(d, "note", p.note);
    d.set("is_stale", p.freshness == Freshness::stale);
    d.set("is_unavailable", p.freshness == Freshness::unavailable && p.source != Source::listed);
    set_text(d, "fetched_text", p.fetched_text);
    set_text(d, "age_text", p.age_text);
    set_text(d, "problem", p.problem);
    d.set("source_text", p.source_text);
    d.set("from_folder", p.source == Source::folder);
    d.set("from_data", p.source == Source::data);
    d.set("is_listed", p.source == Source::listed);
    if (p.audit) {
        Data a;
        a.set("score_text", audit::score_text(*p.audit));
        a.set("met", std::to_string(p.audit->met()));
        a.set("total", std::to_string(p.audit->total()));
        if (p.audit->unknown() > 0) a.set("unknown", std::to_string(p.audit->unknown()));
        List missing;
        List items;
        for (const auto& item : p.audit->items) {
            Data i;
            i.set("id", item.id);
            i.set("title", item.title);
            i.set("why", item.why);
            set_text(i, "fix", item.fix);
            i.set("outcome", item.outcome == audit::Outcome::met       ? "Met"
                             : item.outcome == audit::Outcome::not_met ? "Missing"
                                                                       : "Not known");
            i.set("outcome_class", audit::outcome_name(item.outcome));
            items.push_back(i);
            if (item.outcome == audit::Outcome::not_met) missing.push_back(i);
        }
        a.set("has_missing", !missing.empty());
        a.set("missing", missing);
        a.set("items", items);
        d.set("audit", a);
    }
    return d;
}

List rows(const std::vector<const Partnership*>& list, const std::string& root, const Date& today,
          bool letter_anchors) {
    List out;
    char last = 0;
    for (const Partnership* p : list) {
        Data row = partnership_data(*p, root, today);
        const char letter = initial(p->name);
        if (letter_anchors && letter != last) {
            row.set("letter_anchor",
                    std::string("letter-") + static_cast<char>(std::tolower(letter)));
        }
        last = letter;
        out.push_back(row);
    }
    return out;
}

std::vector<const Partnership*> a_to_z(const std::vector<Partnership>& all) {
    std::vector<const Partnership*> sorted;
    for (const auto& p : all) sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Partnership* a, const Partnership* b) { return a->name < b->name; });
    return sorted;
}

bool render_directory(const Views& views, const Theme& theme, const std::vector<Partnership>& all,
                      RenderedSite& out, Diagnostics& d) {
    const std::string file = "partnerships/index.html";
    const std::string root = render::root_prefix(file);
    Data data = views.page("Partnerships A to Z", file, "partnerships",
                           "Every Local Strategic Partnership in the region, A to Z.");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
    const auto sorted = a_to_z(all);
    std::set<char> letters;
    for (const Partnership* p : sorted) letters.insert(initial(p->name));
    List index;
    for (char c = 'A'; c <= 'Z'; ++c) {
        Data letter;
        letter.set("letter", std::string(1, c));
        letter.set("anchor", std::string("letter-") + static_cast<char>(std::tolower(c)));
        letter.set("has_terms", letters.count(c) > 0);
        index.push_back(letter);
    }
    data.set("letters", index);
    data.set("rows", rows(sorted, root, views.today(), true));
    data.set("count", std::to_string(all.size()));
    data.set("counties_href", root + "partnerships/by-county/index.html");
    return render::emit_page(theme, "hub-directory", file, data, out, d);
}

bool render_counties(const Views& views, const Theme& theme, const std::vector<Partnership>& all,
                     RenderedSite& out, Diagnostics& d) {
    const std::string file = "partnerships/by-county/index.html";
    const std::string root = render::root_prefix(file);
    Data data = views.page("Partnerships by county", file, "by-county",
                           "Every Local Strategic Partnership in the region, by county or "
                           "sub-region.");
    Views::set_breadcrumbs(
        data, {{"Home", root + "index.html"}, {"Partnerships", root + "partnerships/index.html"}});
    std::map<std::string, std::vector<const Partnership*>> by_county;
    for (const Partnership* p : a_to_z(all)) {
        by_county[p->county.empty() ? "County not known" : p->county].push_back(p);
    }
    List counties;
    for (const auto& [county, list] : by_county) {
        Data c;
        c.set("county", county);
        c.set("id", "county-" + slugify(county));
        c.set("count", std::to_string(list.size()));
        c.set("rows", rows(list, root, views.today(), false));
        counties.push_back(c);
    }
    data.set("counties", counties);
    return render::emit_page(theme, "hub-counties", file, data, out, d);
}

bool render_partnership_pages(const Views& views, const Theme& theme,
                              const std::vector<Partnership>& all, RenderedSite& out,
                              Diagnostics& d) {
    for (const auto& p : all) {
        const std::string file = partnership_page(p.slug);
        const std::string root = render::root_prefix(file);
        Data data =
            views.page(p.name, file, "partnerships", "What the hub knows about " + p.name + ".");
        Views::set_breadcrumbs(data, {{"Home", root + "index.html"},
                                      {"Partnerships", root + "partnerships/index.html"}});
        Data partnership = partnership_data(p, root, views.today());
        if (p.source == Source::folder) {
            // Where the build machine keeps the folder is nobody's business:
            // the folder as the hub's site.yaml names it, from the hub.
            std::string hub = views.site().display;
            while (hub.size() > 1 && hub.back() == '/') hub.pop_back();
            partnership.set("source_text",
                            fs::path(p.source_text).lexically_relative(hub).generic_string());
        }
        data.set("partnership", partnership);
        List upcoming;
        for (const auto& e : p.events) {
            if (e.date >= views.today() && upcoming.size() < 5)
                upcoming.push_back(event_data(p, e, views.site().settings.language));
        }
        data.set("has_upcoming", !upcoming.empty());
        data.set("upcoming", upcoming);
        data.set("scorecard_href", root + "scorecard/index.html");
        if (!render::emit_page(theme, "hub-partnership", file, data, out, d)) return false;
    }
    return true;
}

bool render_scorecard(const Views& views, const Theme& theme, const std::vector<Partnership>& all,
                      RenderedSite& out, Diagnostics& d) {
    const std::string file = "scorecard/index.html";
    const std::string root = render::root_prefix(file);
    Data data = views.page("Transparency scorecard", file, "scorecard",
                           "How each partnership's website measures up to the good practice "
                           "for LSP websites, and what each could add.");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
    data.set("rows", rows(a_to_z(all), root, views.today(), false));
    List checklist;
    for (const auto& [id, title] : audit::checklist()) {
        Data item;
        item.set("id", id);
        item.set("title", title);
        checklist.push_back(item);
    }
    data.set("checklist", checklist);
    data.set("total", std::to_string(audit::checklist().size()));
    return render::emit_page(theme, "hub-scorecard", file, data, out, d);
}

struct DatedEvent {
    const Partnership* partnership;
    const HubEvent* event;
};

}  // namespace

Partnership hub_events(const Site& hub) {
    Partnership own;
    own.name = hub.settings.name;
    own.short_name = hub.settings.short_name;
    for (const auto& ev : hub.events) {
        HubEvent e;
        e.uid = render::event_uid(hub, ev);
        e.title = ev.title;
        e.description = ev.description.text;
        e.venue = ev.venue;
        e.url = render::event_url(hub, ev);
        e.date = ev.date;
        e.start = ev.start;
        e.end = ev.end;
        e.cancelled = ev.cancelled;
        e.is_meeting = false;
        own.events.push_back(std::move(e));
    }
    return own;
}

namespace {

/// Every meeting and event of the region by date. An event that several
/// partnerships list (a regional workshop) appears once; meetings never
/// merge, since two partnerships' boards may meet on the same day.
std::vector<DatedEvent> regional_events(const std::vector<Partnership>& all,
                                        const Partnership& own) {
    std::vector<DatedEvent> events;
    std::set<std::pair<std::string, std::string>> seen_events;
    auto add = [&](const Partnership& p) {
        for (const auto& e : p.events) {
            if (!e.is_meeting && !seen_events.insert({e.date.iso(), e.title}).second) continue;
            events.push_back({&p, &e});
        }
    };
    add(own);
    for (const auto& p : all) add(p);
    std::stable_sort(events.begin(), events.end(), [](const DatedEvent& a, const DatedEvent& b) {
        return std::tie(a.event->date, a.event->start) < std::tie(b.event->date, b.event->start);
    });
    return events;
}

/// Where a calendar entry's partnership links: its page, or for the hub's
/// own events the events page.
std::string partnership_href(const Partnership& p, const std::string& root) {
    return root + (p.slug.empty() ? std::string(render::kEventsPage) : partnership_page(p.slug));
}

bool render_calendar_page(const Views& views, const Theme& theme,
                          const std::vector<DatedEvent>& events, RenderedSite& out,
                          Diagnostics& d) {
    const std::string file = "calendar/index.html";
    const std::string root = render::root_prefix(file);
    Data data = views.page("Regional calendar", file, "calendar",
                           "Coming meetings of every partnership in the region.");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
    List upcoming;
    for (const auto& [p, e] : events) {
        if (e->date < views.today()) continue;
        Data item = event_data(*p, *e, views.site().settings.language);
        item.set("partnership_href", partnership_href(*p, root));
        upcoming.push_back(item);
    }
    data.set("has_upcoming", !upcoming.empty());
    data.set("upcoming", upcoming);
    data.set("calendar_href", root + "meetings.ics");
    return render::emit_page(theme, "hub-calendar", file, data, out, d);
}

bool render_hub_home(const Views& views, const Theme& theme, const std::vector<Partnership>& all,
                     const std::vector<DatedEvent>& events, RenderedSite& out, Diagnostics& d) {
    const std::string file = "index.html";
    const Site& hub = views.site();
    Data data = views.page(hub.settings.name, file, "home", hub.settings.aim);
    data.set("json_ld", render::organization_json_ld(hub));
    data.set("summary_html", views.markdown_html(hub.settings.summary, ""));
    set_text(data, "aim_html", views.text_html(hub.settings.aim));
    int independent = 0, audited = 0, stale = 0;
    for (const auto& p : all) {
        independent += p.independent.value_or(false) ? 1 : 0;
        audited += p.audit ? 1 : 0;
        stale += p.freshness != Freshness::current ? 1 : 0;
    }
    data.set("count", std::to_string(all.size()));
    data.set("independent_count", std::to_string(independent));
    data.set("audited_count", std::to_string(audited));
    data.set("stale_count", std::to_string(stale));
    data.set("has_stale", stale > 0);
    List next;
    for (const auto& [p, e] : events) {
        if (e->date < views.today() || next.size() >= 5) continue;
        Data item = event_data(*p, *e, views.site().settings.language);
        item.set("partnership_href", partnership_href(*p, ""));
        next.push_back(item);
    }
    data.set("has_next_meetings", !next.empty());
    data.set("next_meetings", next);
    List news;
    for (size_t i = 0; i < hub.news.size() && i < 3; ++i) {
        news.push_back(render::news_summary(views, hub.news[i], ""));
    }
    data.set("has_news", !news.empty());
    data.set("news", news);
    return render::emit_page(theme, "hub-home", file, data, out, d);
}

void render_regional_calendar(const Site& hub, const std::vector<DatedEvent>& events,
                              const Date& today, RenderedSite& out) {
    calendar::Calendar cal = render::site_calendar(
        hub, hub.settings.short_name + ": meetings of every partnership", today);
    for (const auto& [p, e] : events) {
        calendar::Entry entry;
        entry.uid = e->uid;
        entry.summary = p->short_name + ": " + e->title;
        entry.location = e->venue;
        entry.url = e->url;
        entry.date = e->date;
        entry.start = e->start;
        entry.end = e->end;
        entry.cancelled = e->cancelled;
        entry.postponed = e->postponed;
        if (!p->slug.empty()) {  // a partnership's, not the hub's own: it organises it
            entry.organizer_name = p->name;
            entry.organizer_uri = !p->email.empty() ? "mailto:" + p->email : p->website;
        }
        cal.entries.push_back(std::move(entry));
    }
    out.files.push_back({"meetings.ics", calendar::write(cal)});
}

}  // namespace

std::optional<RenderedSite> render_hub(const Site& hub, const std::vector<Partnership>& all,
                                       const Theme& theme, const Date& today,
                                       Diagnostics& diagnostics) {
    const Partnership own = hub_events(hub);
    const std::vector<DatedEvent> events = regional_events(all, own);
    using Out = RenderedSite;
    using D = Diagnostics;
    return render::assemble(
        hub, theme, today,
        {[&](const Views& v, const Theme& t, Out& out, D& d) {
             return render_hub_home(v, t, all, events, out, d);
         },
         [&](const Views& v, const Theme& t, Out& out, D& d) {
             return render_directory(v, t, all, out, d);
         },
         [&](const Views& v, const Theme& t, Out& out, D& d) {
             return render_counties(v, t, all, out, d);
         },
         [&](const Views& v, const Theme& t, Out& out, D& d) {
             return render_partnership_pages(v, t, all, out, d);
         },
         [&](const Views& v, const Theme& t, Out& out, D& d) {
             return render_scorecard(v, t, all, out, d);
         },
         [&](const Views& v, const Theme& t, Out& out, D& d) {
             return render_calendar_page(v, t, events, out, d);
         },
         render::render_contact, render::render_pages, render::render_jargon, render::render_news,
         render::render_events, render::render_accessibility, render::render_not_found},
        [&](Out& out) {
            render_regional_calendar(hub, events, today, out);
            out.files.push_back({"data.json", hub_data_json(hub, all, today)});
        },
        diagnostics);
}

}  // namespace lspgen::hub
