#include <tuple>

#include "model/load_site.hpp"

namespace lspgen {

Attachment read_attachment(Fields& fields) {
    Attachment a;
    auto file = fields.path("file");
    auto url = fields.url("url");
    auto document = fields.id_ref("document");
    const int given = (file ? 1 : 0) + (url ? 1 : 0) + (document ? 1 : 0);
    if (given > 1) {
        fields.error(file ? "file" : "url", "give only one of 'file', 'url' or 'document'");
        return a;
    }
    if (file) {
        a.kind = Attachment::Kind::file;
        a.file = *file;
    } else if (url) {
        a.kind = Attachment::Kind::url;
        a.url = *url;
    } else if (document) {
        a.kind = Attachment::Kind::document;
        a.document = *document;
    }
    return a;
}

namespace {

// agenda: and minutes: take a document id or a mapping with file/url/document.
Attachment read_attachment_field(Fields& meeting, const char* key, const SiteFolder& folder,
                                 Diagnostics& diagnostics) {
    const load::RawNode* node = meeting.node(key, Shape::id_or_mapping);
    if (!node) return {};
    if (node->is_scalar()) {
        Attachment a;
        a.kind = Attachment::Kind::document;
        a.document = IdRef{node->scalar, node->where, meeting.length(key)};
        return a;
    }
    Fields fields(*node, std::string("'") + key + "'", folder, diagnostics);
    if (!fields.ok()) return {};
    Attachment a = read_attachment(fields);
    if (a.kind == Attachment::Kind::none && fields.ok()) {
        diagnostics.error(node->where,
                          std::string("'") + key + "' needs one of 'file', 'url' or 'document'");
    }
    fields.finish();
    return a;
}

// decisions: a list of {text, paper}; `paper` is the agenda item of one
// of the meeting's papers.
void read_decisions(Fields& meeting, const SiteFolder& folder, Diagnostics& diagnostics,
                    Meeting& m) {
    const load::RawNode* list = meeting.node("decisions", Shape::list);
    if (!list) return;
    if (!list->is_sequence()) {
        diagnostics.error(list->where, "'decisions' must be a list, not " + describe(*list));
        return;
    }
    for (const auto& item : list->items) {
        Fields d(item, "decision", folder, diagnostics);
        if (!d.ok()) continue;
        Decision decision;
        decision.where = d.where();
        decision.text = d.text("text", Need::required).value_or("");
        if (auto paper = d.text("paper")) {
            decision.paper = IdRef{*paper, d.where("paper"), d.length("paper")};
            for (size_t i = 0; i < m.papers.size(); ++i) {
                if (!paper->empty() && m.papers[i].item == *paper) decision.paper_index = i;
            }
            if (!decision.paper_index) {
                std::string items;
                for (const auto& p : m.papers) {
                    if (p.item.empty()) continue;
                    items += (items.empty() ? "" : ", ") + ("'" + p.item + "'");
                }
                d.error("paper", "no paper of this meeting is agenda item '" + *paper + "'" +
                                     (items.empty() ? std::string(" (its papers give no 'item')")
                                                    : " (its papers' items: " + items + ")"));
            }
        }
        d.finish();
        m.decisions.push_back(std::move(decision));
    }
}

}  // namespace

bool read_meetings(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    return read_records(
        folder, "meetings.yaml", "meeting", "id", diagnostics,
        [&](Fields& fields, const load::RawNode&) {
            Meeting m;
            m.where = fields.where();
            m.id = fields.id().value_or("");
            m.title = fields.text("title", Need::required).value_or("");
            m.board = fields.id_ref("board");
            m.date = fields.date("date", Need::required).value_or(Date{});
            std::tie(m.start, m.end) = fields.time_range("meeting");
            m.venue = fields.text("venue").value_or("");
            m.is_public = fields.boolean("public").value_or(true);
            std::vector<std::string> statuses;
            for (const auto& s : kMeetingStatuses) statuses.push_back(s.name);
            const auto status = fields.choice("status", statuses).value_or("");
            for (const auto& s : kMeetingStatuses) {
                if (status == s.name) m.status = s.status;
            }
            m.summary = fields.markdown("summary").value_or(Markdown{});
            m.agenda = read_attachment_field(fields, "agenda", folder, diagnostics);
            m.minutes = read_attachment_field(fields, "minutes", folder, diagnostics);
            if (const load::RawNode* papers = fields.node("papers", Shape::list)) {
                if (!papers->is_sequence()) {
                    diagnostics.error(papers->where,
                                      "'papers' must be a list, not " + describe(*papers));
                } else {
                    for (const auto& item : papers->items) {
                        Fields p(item, "paper", folder, diagnostics);
                        if (!p.ok()) continue;
                        Paper paper;
                        paper.item = p.text("item").value_or("");
                        paper.title = p.text("title", Need::required).value_or("");
                        paper.attachment = read_attachment(p);
                        if (paper.attachment.kind == Attachment::Kind::none && p.ok() &&
                            !item.find("file") && !item.find("url") && !item.find("document")) {
                            diagnostics.error(item.where,
                                              "paper needs one of 'file', 'url' or 'document'");
                        }
                        p.finish();
                        m.papers.push_back(std::move(paper));
                    }
                }
            }
            m.attended = fields.id_refs("attended");
            m.apologies = fields.id_refs("apologies");
            read_decisions(fields, folder, diagnostics, m);
            std::string key = m.id;
            site.meetings.push_back(std::move(m));
            return key;
        });
}

}  // namespace lspgen
