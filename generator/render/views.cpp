#include "render/views.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "markdown/markdown.hpp"
#include "version.hpp"

namespace lspgen::render {

std::string root_prefix(const std::string& page_file) {
    std::string prefix;
    for (char c : page_file) {
        if (c == '/') prefix += "../";
    }
    return prefix;
}

std::string member_page(const std::string& id) {
    return "members/" + id + "/index.html";
}
std::string meeting_page(const std::string& id) {
    return "meetings/" + id + "/index.html";
}
std::string content_page(const std::string& slug) {
    return slug + "/index.html";
}
std::string news_page(const std::string& slug) {
    return "news/" + slug + "/index.html";
}

namespace {

std::vector<jargon::Entry> jargon_entries(const Site& site) {
    std::vector<jargon::Entry> entries;
    for (const auto& t : site.glossary) {
        if (!t.match) continue;
        entries.push_back({t.term, t.plural, t.abbreviation ? t.expansion : "", t.anchor(),
                           t.abbreviation, t.plural_expansion});
    }
    return entries;
}

}  // namespace

Views::Views(const Site& site, const Date& today)
    : site_(site), today_(today), matcher_(jargon_entries(site)) {}

std::string Views::text_html(const std::string& text) const {
    return jargon::mark_plain_text(text, marks_ ? &*marks_ : nullptr);
}

std::string file_format(const std::string& path) {
    static const std::map<std::string, std::string> formats = {{"pdf", "PDF"},
                                                               {"doc", "Word document"},
                                                               {"docx", "Word document"},
                                                               {"xls", "Excel spreadsheet"},
                                                               {"xlsx", "Excel spreadsheet"},
                                                               {"ppt", "PowerPoint"},
                                                               {"pptx", "PowerPoint"},
                                                               {"odt", "OpenDocument text"},
                                                               {"ods", "OpenDocument spreadsheet"},
                                                               {"odp", "OpenDocument presentation"},
                                                               {"csv", "CSV"},
                                                               {"rtf", "RTF"},
                                                               {"txt", "Plain text"},
                                                               {"html", "HTML"},
                                                               {"htm", "HTML"},
                                                               {"jpg", "JPEG image"},
                                                               {"jpeg", "JPEG image"},
                                                               {"png", "PNG image"},
                                                               {"gif", "GIF image"},
                                                               {"svg", "SVG image"},
                                                               {"zip", "ZIP archive"}};
    const size_t dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return "File";
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto it = formats.find(ext);
    if (it != formats.end()) return it->second;
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return ext;
}

std::string file_size_text(std::uintmax_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    if (bytes < 1024 * 1024) {
        return std::to_string(static_cast<std::uintmax_t>(std::lround(bytes / 1024.0))) + " KB";
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buffer;
}

void set_text(Data& data, const std::string& key, const std::string& value) {
    if (!value.empty()) data.set(key, value);
}

std::string Views::markdown_html(const Markdown& md, const std::string& root,
                                 int top_heading) const {
    if (md.text.empty()) return {};
    std::vector<markdown::Link> written;
    std::string html =
        markdown::to_html(md.text, {top_heading, root, marks_ ? &*marks_ : nullptr, &written});
    for (const auto& link : written) {
        SourceLocation where = md.where;
        where.line += link.line - 1;
        where.column = std::max(1, where.column) + link.column - 1;
        origins_.push_back({current_file_, link.url, where});
    }
    return html;
}

Data Views::member_card(const Member& m, const std::string& root) const {
    Data d;
    d.set("id", m.id);
    d.set("name", m.display_name());
    d.set("role", m.role_text);
    d.set("is_post", m.role == Role::chair || m.role == Role::vice_chair);
    set_text(d, "organisation", m.organisation);
    set_text(d, "sector", m.sector == "elected-member" ? "elected member" : m.sector);
    set_text(d, "represents", m.represents);
    d.set("href", root + member_page(m.id));
    if (m.photo) {
        Data photo;
        photo.set("src", root + m.photo->path);
        photo.set("alt", m.photo_alt);
        d.set("photo", photo);
    }
    return d;
}

Data Views::meeting_summary(const Meeting& m, const std::string& root) const {
    Data d;
    d.set("id", m.id);
    d.set("title", m.title);
    d.set("href", root + meeting_page(m.id));
    d.set("date_iso", m.date.iso());
    d.set("date_text", m.date.long_text());
    d.set("day", std::to_string(m.date.day));
    static const char* const kShortMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    d.set("month_short", kShortMonths[m.date.month - 1]);
    d.set("year", std::to_string(m.date.year));
    if (m.start) {
        d.set("start", m.start->text());
        d.set("time_text", time_range_text(m.start, m.end, site_.settings.language));
        d.set("datetime_start", m.date.iso() + "T" + m.start->text());
    }
    set_text(d, "venue", m.venue);
    d.set("status", names_of(m.status).label);
    d.set("status_class", names_of(m.status).name);
    d.set("is_cancelled", m.status == MeetingStatus::cancelled);
    d.set("is_postponed", m.status == MeetingStatus::postponed);
    d.set("is_public", m.is_public);
    const Board* board = m.board ? site_.find_board(m.board->id) : nullptr;
    d.set("board", board ? board->name : site_.settings.short_name);
    return d;
}

Data Views::document_link(const Document& doc, const std::string& root) const {
    Data d;
    d.set("id", doc.id);
    d.set("title", doc.title);
    d.set("type_label", document_type_label(doc.type));
    if (doc.file) {
        d.set("href", root + doc.file->path);
        d.set("meta", file_format(doc.file->path) + ", " + file_size_text(doc.file->size));
    } else {
        d.set("href", doc.url);
        d.set("external", true);
    }
    if (doc.published) {
        d.set("published_iso", doc.published->iso());
        d.set("published_text", doc.published->text());
    }
    set_text(d, "summary_html", markdown_html(doc.summary, root, 3));
    return d;
}

Data Views::attachment_link(const Attachment& a, const std::string& title,
                            const std::string& root) const {
    switch (a.kind) {
        case Attachment::Kind::none:
            return Data(false);
        case Attachment::Kind::document: {
            const Document* doc = site_.find_document(a.document.id);
            if (!doc) return Data(false);
            Data d = document_link(*doc, root);
            if (!title.empty()) d.set("title", title);
            return d;
        }
        case Attachment::Kind::file: {
            Data d;
            d.set("title", title);
            d.set("href", root + a.file.path);
            d.set("meta", file_format(a.file.path) + ", " + file_size_text(a.file.size));
            return d;
        }
        case Attachment::Kind::url: {
            Data d;
            d.set("title", title);
            d.set("href", a.url);
            d.set("external", true);
            return d;
        }
    }
    return Data(false);
}

Data Views::contact(const std::string& root) const {
    const Contact& c = site_.settings.contact;
    Data d;
    set_text(d, "name", c.name);
    set_text(d, "email", c.email);
    set_text(d, "phone", c.phone);
    if (!c.phone_number.empty()) d.set("phone_href", "tel:" + c.phone_number);
    set_text(d, "url", c.url);
    if (!c.address.empty()) {
        List lines;
        size_t start = 0;
        while (start <= c.address.size()) {
            size_t end = c.address.find('\n', start);
            if (end == std::string::npos) end = c.address.size();
            std::string line = c.address.substr(start, end - start);
            if (!line.empty()) lines.push_back(Data("line", line));
            start = end + 1;
        }
        d.set("address", lines);
        d.set("has_address", true);
    }
    d.set("page_href", root + kContactPage);
    return d;
}

Data Views::post(Role role, const char* title, const std::string& root) const {
    Data d;
    d.set("post", title);
    if (const Member* holder = site_.post_holder(role)) {
        d.set("holder", member_card(*holder, root));
    } else {
        d.set("vacant", true);
    }
    return d;
}

Data Views::page(const std::string& title, const std::string& file, const std::string& section,
                 const std::string& description) const {
    const SiteSettings& s = site_.settings;
    // 404.html is served at any missing address, where relative links would
    // break: it links from base_url when the site has one.
    const std::string root =
        file == "404.html" && !s.base_url.empty() ? s.base_url : root_prefix(file);
    marks_.reset();
    current_file_ = file;
    if (file != kJargonPage && !matcher_.empty() && s.jargon_first_use != jargon::FirstUse::none) {
        marks_.emplace(matcher_, root + kJargonPage, s.jargon_first_use);
    }
    Data d;
    d.set("root", root);
    d.set("generator", std::string("lspgen ") + kVersion);

    Data site;
    site.set("name", s.name);
    site.set("short_name", s.short_name);
    site.set("area", s.area);
    site.set("language", s.language);
    set_text(site, "brand_colour", s.brand_colour);
    set_text(site, "hosted_by", s.hosted_by);
    site.set("independent", s.independent);
    site.set("is_hub", site_.kind == SiteKind::hub);
    site.set("is_draft", s.status == SiteStatus::draft);
    site.set("is_example", s.status == SiteStatus::example);
    if (s.logo) {
        Data logo;
        logo.set("src", root + s.logo->path);
        logo.set("alt", s.logo_alt);
        site.set("logo", logo);
    }
    d.set("site", site);

    Data page;
    page.set("title", title);
    page.set("is_home", file == "index.html");
    set_text(page, "description", description);
    if (!s.base_url.empty() && file != "404.html") {
        std::string path = file;
        if (path == "index.html")
            path.clear();
        else if (path.size() > 10 && path.compare(path.size() - 10, 10, "index.html") == 0)
            path.erase(path.size() - 10);
        page.set("canonical", s.base_url + path);
    }
    d.set("page", page);

    struct Item {
        std::string label, target, section;
    };
    std::vector<Item> items = {{"Home", "index.html", "home"},
                               {"Members", kMembersPage, "members"},
                               {"Meetings", kMeetingsPage, "meetings"},
                               {"Documents", kDocumentsPage, "documents"},
                               {"How we work", kHowWeWorkPage, "how-we-work"}};
    if (site_.kind == SiteKind::hub) {
        // The regional hub's own pages (generator/hub/) replace a partnership's.
        items = {{"Home", "index.html", "home"},
                 {"Partnerships", "partnerships/index.html", "partnerships"},
                 {"By county", "partnerships/by-county/index.html", "by-county"},
                 {"Scorecard", "scorecard/index.html", "scorecard"},
                 {"Calendar", "calendar/index.html", "calendar"}};
    }
    if (!site_.indicators.empty()) {
        items.push_back({"Performance", kPerformancePage, "performance"});
    }
    if (!site_.news.empty()) items.push_back({"News", kNewsPage, "news"});
    if (!site_.events.empty()) items.push_back({"Events", kEventsPage, "events"});
    items.push_back({"Jargon buster", kJargonPage, "jargon"});
    std::vector<const Page*> menu_pages;
    for (const auto& p : site_.pages) {
        if (p.menu) menu_pages.push_back(&p);
    }
    std::stable_sort(menu_pages.begin(), menu_pages.end(),
                     [](const Page* a, const Page* b) { return *a->menu < *b->menu; });
    for (const Page* p : menu_pages) items.push_back({p->title, content_page(p->slug), p->slug});
    items.push_back({"Contact", kContactPage, "contact"});
    List nav;
    for (const auto& item : items) {
        Data entry;
        entry.set("label", item.label);
        entry.set("href", root + item.target);
        entry.set("current", item.section == section);
        // The page itself is "page"; the section it belongs to is "true".
        entry.set("current_kind", std::string(item.target == file ? "page" : "true"));
        nav.push_back(entry);
    }
    d.set("nav", nav);
    if (!site_.news.empty() && !s.base_url.empty()) d.set("feed_href", root + "feed.xml");
    d.set("contact", contact(root));
    return d;
}

void Views::set_breadcrumbs(Data& page,
                            const std::vector<std::pair<std::string, std::string>>& trail) {
    List crumbs;
    for (const auto& [label, href] : trail) {
        Data crumb;
        crumb.set("label", label);
        crumb.set("href", href);
        crumbs.push_back(crumb);
    }
    page.set("breadcrumbs", crumbs);
    page.set("has_breadcrumbs", !trail.empty());
}

}  // namespace lspgen::render
