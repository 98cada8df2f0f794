#pragma once

#include <string>
#include <vector>

#include "base/link_origin.hpp"
#include "markdown/jargon.hpp"
#include "model/site.hpp"
#include "theme/template_data.hpp"
#include "theme/theme.hpp"

namespace lspgen {
struct RenderedSite;
}

namespace lspgen::render {

using Data = TemplateData;
using List = TemplateList;

/// The prefix from a page file to the site root: "" for "index.html",
/// "../../" for "members/nick/index.html".
std::string root_prefix(const std::string& page_file);

/// "PDF", "Word document"… from a file name's extension.
std::string file_format(const std::string& path);
/// "1.2 MB", "340 KB", "512 bytes" (1 KB = 1024 bytes).
std::string file_size_text(std::uintmax_t bytes);

/// Where each kind of page lives, relative to the site root.
std::string member_page(const std::string& id);
std::string meeting_page(const std::string& id);
std::string content_page(const std::string& slug);
inline constexpr const char* kMembersPage = "members/index.html";
inline constexpr const char* kMeetingsPage = "meetings/index.html";
inline constexpr const char* kDocumentsPage = "documents/index.html";
inline constexpr const char* kHowWeWorkPage = "how-we-work/index.html";
inline constexpr const char* kContactPage = "contact/index.html";
inline constexpr const char* kJargonPage = "jargon/index.html";
inline constexpr const char* kNewsPage = "news/index.html";
inline constexpr const char* kEventsPage = "events/index.html";
inline constexpr const char* kPerformancePage = "performance/index.html";
inline constexpr const char* kAccessibilityPage = "accessibility/index.html";
std::string news_page(const std::string& slug);

/// Builds the template data for the pieces that appear on many pages, so
/// that a member card or a document link looks the same everywhere. Every
/// link it makes is relative to the page being rendered (`root`).
class Views {
  public:
    Views(const Site& site, const Date& today);

    Data member_card(const Member& member, const std::string& root) const;
    Data meeting_summary(const Meeting& meeting, const std::string& root) const;
    Data document_link(const Document& document, const std::string& root) const;
    /// A link to an attachment, titled `title`; empty object when there is none.
    Data attachment_link(const Attachment& attachment, const std::string& title,
                         const std::string& root) const;
    /// Renders Markdown, marking the first use on this page of each glossary term.
    /// `top_heading` is the level the Markdown's highest heading becomes.
    std::string markdown_html(const Markdown& markdown, const std::string& root,
                              int top_heading = 2) const;
    /// Escapes plain text (a summary), marking glossary terms the same way.
    std::string text_html(const std::string& text) const;
    Data contact(const std::string& root) const;
    /// A post (Chair, Vice-chair) with its holder, or marked vacant.
    Data post(Role role, const char* title, const std::string& root) const;

    /// The data every page shares: site identity, navigation, breadcrumbs.
    /// `file` is the page's path; `section` the navigation item it belongs to.
    /// Starts a new page: glossary terms will be marked afresh (except on the
    /// jargon-buster itself).
    Data page(const std::string& title, const std::string& file, const std::string& section,
              const std::string& description) const;
    /// Adds a breadcrumb trail ending before the current page.
    static void set_breadcrumbs(Data& page,
                                const std::vector<std::pair<std::string, std::string>>& trail);

    const Site& site() const { return site_; }
    /// Where each link rendered from Markdown came from, for link reports.
    std::vector<LinkOrigin> take_origins() const { return std::move(origins_); }
    const Date& today() const { return today_; }

  private:
    const Site& site_;
    Date today_;
    jargon::Matcher matcher_;
    // The page being rendered: its first uses of terms. Reset by page().
    mutable std::optional<jargon::PageMarks> marks_;
    mutable std::string current_file_;
    mutable std::vector<LinkOrigin> origins_;
};

/// Renders `layout` with `data` and appends the page to `out` as `file`.
bool emit_page(const Theme& theme, const std::string& layout, const std::string& file, Data& data,
               lspgen::RenderedSite& out, Diagnostics& diagnostics);

/// Meetings from `today` on that have not been held, soonest first.
std::vector<const Meeting*> upcoming_meetings(const Site& site, const Date& today);

/// Summaries shared by the home page and the news and events pages.
Data news_summary(const Views& views, const NewsItem& item, const std::string& root);
Data event_summary(const Views& views, const Event& event, const std::string& root);

/// Sets `key` only when `value` is not empty, so that {{#key}} sections
/// disappear for missing data.
void set_text(Data& data, const std::string& key, const std::string& value);

}  // namespace lspgen::render
