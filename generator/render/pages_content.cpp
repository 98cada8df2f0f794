// The pages that explain and inform: the jargon-buster, news and events.
#include <algorithm>
#include <cctype>

#include "render/open_data.hpp"
#include "render/render_site.hpp"
#include "render/views.hpp"

namespace lspgen::render {

bool render_jargon(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const Site& site = views.site();
    const std::string file = kJargonPage;
    const std::string root = root_prefix(file);
    Data data = views.page("Jargon buster", file, "jargon",
                           "Plain-English explanations of the abbreviations and terms used by "
                           "local partnerships.");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
    // One section per initial letter; the A–Z navigation lists every letter,
    // linking only those that have terms.
    std::vector<std::pair<char, List>> letters;
    for (const auto& t : site.glossary) {
        const char initial = static_cast<char>(std::toupper(static_cast<unsigned char>(t.term[0])));
        const char letter = std::isalpha(static_cast<unsigned char>(initial)) ? initial : '#';
        if (letters.empty() || letters.back().first != letter) letters.emplace_back(letter, List{});
        Data term;
        term.set("term", t.term);
        term.set("anchor", t.anchor());
        // An abbreviation's expansion is written under it, so the term itself
        // is no <abbr>: its title would say the expansion twice.
        if (t.abbreviation) set_text(term, "expansion", t.expansion);
        set_text(term, "definition_html", views.markdown_html(t.definition, root, 3));
        List see_also;
        for (const auto& other : t.see_also) {
            auto target = std::find_if(site.glossary.begin(), site.glossary.end(),
                                       [&](const Term& u) { return u.term == other; });
            if (target == site.glossary.end()) continue;
            Data link;
            link.set("term", other);
            link.set("href", "#" + target->anchor());
            see_also.push_back(link);
        }
        if (!see_also.empty()) see_also.back().set("last", true);
        term.set("has_see_also", !see_also.empty());
        term.set("see_also", see_also);
        letters.back().second.push_back(term);
    }
    List index;
    List sections;
    for (char c = 'A'; c <= 'Z'; ++c) {
        auto it = std::find_if(letters.begin(), letters.end(),
                               [&](const auto& l) { return l.first == c; });
        Data letter;
        letter.set("letter", std::string(1, c));
        letter.set("anchor", std::string("letter-") + static_cast<char>(std::tolower(c)));
        letter.set("has_terms", it != letters.end());
        index.push_back(letter);
    }
    for (auto& [c, terms] : letters) {
        Data section;
        section.set("letter", std::string(1, c));
        section.set("anchor", c == '#'
                                  ? std::string("letter-other")
                                  : std::string("letter-") + static_cast<char>(std::tolower(c)));
        section.set("terms", terms);
        sections.push_back(section);
    }
    data.set("letters", index);
    data.set("sections", sections);
    data.set("term_count", std::to_string(site.glossary.size()));
    switch (site.settings.jargon_first_use) {
        case jargon::FirstUse::link:
            data.set("first_use", std::string("Wherever a term is first used on a page of this "
                                              "site, it links here."));
            break;
        case jargon::FirstUse::expand:
            data.set("first_use", std::string("Wherever an abbreviation is first used on a page "
                                              "of this site, what it stands for follows it in "
                                              "brackets."));
            break;
        case jargon::FirstUse::none:
            break;
    }
    data.set("json_ld", glossary_json_ld(site));
    return emit_page(theme, "jargon", file, data, out, d);
}

Data news_summary(const Views& views, const NewsItem& item, const std::string& root) {
    Data d;
    d.set("title", item.title);
    d.set("href", root + news_page(item.slug));
    d.set("date_iso", item.date.iso());
    d.set("date_text", item.date.text());
    d.set("summary_html", views.text_html(item.summary));
    return d;
}

bool render_news(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const Site& site = views.site();
    if (site.news.empty()) return true;
    {
        const std::string file = kNewsPage;
        const std::string root = root_prefix(file);
        Data data = views.page("News", file, "news", "News from " + site.settings.name + ".");
        Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
        List items;
        for (const auto& item : site.news) items.push_back(news_summary(views, item, root));
        data.set("items", items);
        data.set("has_feed", !site.settings.base_url.empty());
        data.set("feed_href", root + "feed.xml");
        if (!emit_page(theme, "news", file, data, out, d)) return false;
    }
    for (const auto& item : site.news) {
        const std::string file = news_page(item.slug);
        const std::string root = root_prefix(file);
        Data data = views.page(item.title, file, "news", item.summary);
        Views::set_breadcrumbs(data, {{"Home", root + "index.html"}, {"News", root + kNewsPage}});
        data.set("item", news_summary(views, item, root));
        set_text(data, "body_html", views.markdown_html(item.body, root, 2));
        if (!emit_page(theme, "news-item", file, data, out, d)) return false;
    }
    return true;
}

Data event_summary(const Views& views, const Event& e, const std::string& root) {
    Data d;
    d.set("id", e.id);
    d.set("anchor", event_anchor(e));
    d.set("title", e.title);
    d.set("date_iso", e.date.iso());
    d.set("date_text", e.date.long_text());
    d.set("day", std::to_string(e.date.day));
    if (e.start)
        d.set("time_text", time_range_text(e.start, e.end, views.site().settings.language));
    set_text(d, "venue", e.venue);
    set_text(d, "description_html", views.markdown_html(e.description, root, 4));
    set_text(d, "booking_email", e.booking_email);
    set_text(d, "booking_url", e.booking_url);
    set_text(d, "booking_note", e.booking_note);
    d.set("has_booking",
          !e.booking_email.empty() || !e.booking_url.empty() || !e.booking_note.empty());
    d.set("is_cancelled", e.cancelled);
    d.set("href", root + kEventsPage + "#" + event_anchor(e));
    return d;
}

bool render_events(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const Site& site = views.site();
    if (site.events.empty()) return true;
    const std::string file = kEventsPage;
    const std::string root = root_prefix(file);
    Data data = views.page("Events", file, "events",
                           "Events run by or for " + site.settings.short_name + ".");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
    List upcoming;
    List past;
    for (const auto& e : site.events) {
        if (e.date >= views.today()) upcoming.push_back(event_summary(views, e, root));
    }
    for (auto it = site.events.rbegin(); it != site.events.rend(); ++it) {
        if (it->date < views.today()) past.push_back(event_summary(views, *it, root));
    }
    data.set("has_upcoming", !upcoming.empty());
    data.set("upcoming", upcoming);
    data.set("has_past", !past.empty());
    data.set("past", past);
    data.set("calendar_href", root + "meetings.ics");
    return emit_page(theme, "events", file, data, out, d);
}

}  // namespace lspgen::render
