#include <algorithm>
#include <cctype>

#include "load/yaml_loader.hpp"
#include "markdown/jargon.hpp"
#include "model/load_site.hpp"

namespace lspgen {

std::string Term::anchor() const {
    return term_anchor(term);
}

std::vector<Term> read_terms(const std::string& text, const std::string& display,
                             const SiteFolder& folder, Diagnostics& diagnostics) {
    std::vector<Term> terms;
    auto root = load::parse_yaml(text, display, diagnostics);
    if (!root) return terms;
    if (!root->is_null() && !root->is_sequence()) {
        diagnostics.error(root->where,
                          "a glossary must be a list of terms, each starting "
                          "'- term:', but it is " +
                              describe(*root));
        return terms;
    }
    IdRegistry names("term", diagnostics);
    for (const auto& entry : root->items) {
        Fields fields(entry, "term", folder, diagnostics);
        if (!fields.ok()) continue;
        Term t;
        t.term = fields.text("term", Need::required).value_or("");
        if (!t.term.empty()) names.add(t.term, fields.where("term"), fields.length("term"));
        t.expansion = fields.text("expansion", Need::required).value_or("");
        t.definition = fields.markdown("definition", Need::required).value_or(Markdown{});
        const bool plural_given = entry.find("plural") != nullptr;
        t.plural = fields.text("plural").value_or("");
        if (!plural_given && !t.term.empty()) t.plural = t.term + "s";
        t.see_also = fields.text_list("see_also");
        if (const load::RawNode* list = entry.find("see_also"); list && list->is_sequence()) {
            for (const auto& item : list->items) {
                if (item.is_scalar()) t.see_also_where.push_back(item.where);
            }
        }
        fields.finish();
        terms.push_back(std::move(t));
    }
    return terms;
}

void read_glossary(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    // The regional glossary ships inside lspgen; its errors are lspgen's own.
    std::vector<Term> terms;
    if (site.settings.regional_glossary) {
        terms = read_terms(regional_glossary_yaml(), "lspgen:glossary/regional.yaml", folder,
                           diagnostics);
    }
    const std::string display = folder.display_path("glossary.yaml");
    std::error_code ec;
    // symlink_status: a link that loops or leads nowhere is reported, not skipped.
    if (std::filesystem::exists(
            std::filesystem::symlink_status(folder.dir / "glossary.yaml", ec))) {
        if (auto text = load::read_text_file(folder.dir / "glossary.yaml", display, diagnostics)) {
            for (auto& local : read_terms(*text, display, folder, diagnostics)) {
                auto same = std::find_if(terms.begin(), terms.end(),
                                         [&](const Term& t) { return t.term == local.term; });
                if (same != terms.end())
                    *same = std::move(local);
                else
                    terms.push_back(std::move(local));
            }
        }
    }
    auto key = [](const std::string& s) {
        std::string k;
        for (unsigned char c : s) k += static_cast<char>(std::tolower(c));
        return k;
    };
    std::stable_sort(terms.begin(), terms.end(),
                     [&](const Term& a, const Term& b) { return key(a.term) < key(b.term); });
    // see_also must name terms that exist, or the link on /jargon/ would break.
    for (const auto& t : terms) {
        for (size_t i = 0; i < t.see_also.size(); ++i) {
            const std::string& other = t.see_also[i];
            const SourceLocation where =
                i < t.see_also_where.size() ? t.see_also_where[i] : t.definition.where;
            const int length = static_cast<int>(other.size());
            if (other == t.term) {
                diagnostics.error(where,
                                  "term '" + t.term +
                                      "' says see also itself: name other terms, or leave "
                                      "'see_also' out",
                                  length);
            } else if (std::none_of(terms.begin(), terms.end(),
                                    [&](const Term& u) { return u.term == other; })) {
                diagnostics.error(where,
                                  "term '" + t.term + "' says see also '" + other +
                                      "', which is not in the glossary",
                                  length);
            }
        }
    }
    site.glossary = std::move(terms);
}

}  // namespace lspgen
