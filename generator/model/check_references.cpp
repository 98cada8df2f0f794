#include <algorithm>

#include "base/url_safety.hpp"
#include "markdown/markdown.hpp"
#include "model/load_site.hpp"

namespace lspgen {

namespace {

// `what` names the text in the message: "'bio'" for a field, "the page" for
// a Markdown file's body.
void check_markdown(const Markdown& md, const std::string& what, Diagnostics& diagnostics) {
    if (md.text.empty()) return;
    for (const auto& html : markdown::active_html(md.text)) {
        SourceLocation where = md.where;
        where.line += html.line - 1;
        where.column = std::max(1, where.column) + html.column - 1;
        diagnostics.error(
            where,
            html.attribute
                ? what + " has raw HTML with an '" + html.what +
                      "' attribute, which would run a script: remove it (lspgen "
                      "leaves raw HTML out of pages)"
                : what + (html.what.find_first_of("aeiou") == 1 ? " has an " : " has a ") +
                      html.what +
                      " tag, which is not allowed in a page: remove it (lspgen "
                      "leaves raw HTML out of pages)",
            html.length);
    }
    for (const auto& link : markdown::links(md.text)) {
        if (!is_unsafe_url(link.url)) continue;
        SourceLocation where = md.where;
        // Link positions are relative to the Markdown; map them into the file.
        // Lines after the first of a block keep the block's indentation.
        where.line += link.line - 1;
        where.column = std::max(1, where.column) + link.column - 1;
        const std::string scheme = link.url.substr(0, link.url.find(':') + 1);
        diagnostics.error(where, std::string("the ") + (link.image ? "image" : "link") + " in " +
                                     what + " uses a " + scheme +
                                     " URL, which is not allowed; link to an http://, https:// "
                                     "or mailto: address, or to a page of this site");
    }
}

void check_ref(const IdRef& ref, bool exists, bool file_readable, const char* what,
               const char* file, Diagnostics& diagnostics) {
    if (exists || ref.id.empty() || !file_readable) return;
    diagnostics.error(ref.where,
                      std::string("unknown ") + what + " id '" + ref.id + "': no " + what + " in " +
                          file + " has this id",
                      ref.length);
}

void check_attachment(const Site& site, const Attachment& a, bool documents_readable,
                      Diagnostics& diagnostics) {
    if (a.kind == Attachment::Kind::document) {
        check_ref(a.document, site.find_document(a.document.id), documents_readable, "document",
                  "documents.yaml", diagnostics);
    }
}

}  // namespace

void check_references(const Site& site, const ReadableFiles& readable, Diagnostics& diagnostics) {
    const SiteSettings& s = site.settings;
    for (const auto& ref : s.key_documents) {
        check_ref(ref, site.find_document(ref.id), readable.documents, "document", "documents.yaml",
                  diagnostics);
    }
    check_markdown(s.summary, "'summary'", diagnostics);
    check_markdown(s.public_questions, "'public_questions'", diagnostics);
    check_markdown(s.governance.membership, "'membership'", diagnostics);
    check_markdown(s.governance.agenda, "'agenda'", diagnostics);
    check_markdown(s.governance.decisions, "'decisions'", diagnostics);

    const Member* holders[2] = {nullptr, nullptr};
    for (const auto& m : site.members) {
        for (const auto& ref : m.boards) {
            check_ref(ref, site.find_board(ref.id), readable.boards, "board", "boards.yaml",
                      diagnostics);
        }
        check_markdown(m.bio, "'bio'", diagnostics);
        if (m.role == Role::chair || m.role == Role::vice_chair) {
            const Member*& holder = holders[m.role == Role::chair ? 0 : 1];
            if (holder) {
                diagnostics.error(m.role_where,
                                  "'" + m.display_name() + "' and '" + holder->display_name() +
                                      "' are both " + m.role_text +
                                      "; a post has one holder "
                                      "(make one of them 'Member')",
                                  static_cast<int>(m.role_text.size()));
            } else {
                holder = &m;
            }
        }
    }
    for (const auto& b : site.boards) {
        if (b.chair)
            check_ref(*b.chair, site.find_member(b.chair->id), readable.members, "member",
                      "members.yaml", diagnostics);
        check_markdown(b.remit, "'remit'", diagnostics);
    }
    for (const auto& m : site.meetings) {
        if (m.board)
            check_ref(*m.board, site.find_board(m.board->id), readable.boards, "board",
                      "boards.yaml", diagnostics);
        check_attachment(site, m.agenda, readable.documents, diagnostics);
        check_attachment(site, m.minutes, readable.documents, diagnostics);
        for (const auto& p : m.papers)
            check_attachment(site, p.attachment, readable.documents, diagnostics);
        check_markdown(m.summary, "'summary'", diagnostics);
        for (const auto* refs : {&m.attended, &m.apologies}) {
            for (const auto& ref : *refs) {
                check_ref(ref, site.find_member(ref.id), readable.members, "member", "members.yaml",
                          diagnostics);
            }
        }
    }
    for (const auto& d : site.documents) check_markdown(d.summary, "'summary'", diagnostics);
    for (const auto& p : site.pages) check_markdown(p.body, "the page", diagnostics);
    for (const auto& n : site.news) check_markdown(n.body, "the news item", diagnostics);
    for (const auto& e : site.events) check_markdown(e.description, "'description'", diagnostics);
    for (const auto& i : site.indicators) check_markdown(i.note, "'note'", diagnostics);
    for (const auto& t : site.glossary) check_markdown(t.definition, "'definition'", diagnostics);
    if (!site.news.empty() && s.base_url.empty()) {
        // Feed readers need absolute links; a relative Atom feed breaks them.
        diagnostics.error(site.news.front().body.where.path.empty()
                              ? SourceLocation{}
                              : SourceLocation{site.news.front().body.where.path, 1, 1},
                          "the site has news, which lspgen publishes as an Atom feed "
                          "(feed.xml); a feed needs absolute links, so add 'base_url' (the "
                          "address the site is published at) to site.yaml",
                          3);
    }
}

}  // namespace lspgen
