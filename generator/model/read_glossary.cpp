#include <algorithm>
#include <cctype>
#include <optional>

#include "load/yaml_loader.hpp"
#include "markdown/jargon.hpp"
#include "model/load_site.hpp"

namespace lspgen {

std::string Term::anchor() const {
    return term_anchor(term);
}

namespace {

// A term of the mapping form, `LSP: Local Strategic Partnership` or
// `LAA: {expansion: …, definition: …}`, as the entry of the list form it
// stands for. Gives nullopt when the value can be neither (reported).
std::optional<load::RawNode> as_list_entry(const load::RawNode& key, const load::RawNode& value,
                                           Diagnostics& diagnostics) {
    if (!key.is_scalar()) {
        diagnostics.error(key.where,
                          "a glossary term must be written as text, but it is " + describe(key));
        return std::nullopt;
    }
    const load::RawNode& term = key;
    load::RawNode entry;
    entry.kind = load::RawNode::Kind::mapping;
    entry.where = key.where;
    load::RawNode term_key;
    term_key.kind = load::RawNode::Kind::scalar;
    term_key.scalar = "term";
    term_key.where = key.where;
    entry.entries.emplace_back(term_key, term);
    if (value.is_scalar()) {
        // The value of an abbreviation is what it stands for; of a full
        // term, what it means.
        load::RawNode field = term_key;
        field.scalar = jargon::looks_like_abbreviation(key.scalar) ? "expansion" : "definition";
        field.where = value.where;
        entry.entries.emplace_back(field, value);
    } else if (value.is_mapping()) {
        for (const auto& [name, field] : value.entries) {
            if (name.is_scalar() && name.scalar == "term") {
                diagnostics.error(
                    name.where,
                    "term '" + key.scalar + "' is named by its key: leave 'term' out of its fields",
                    4);
                return std::nullopt;
            }
        }
        entry.where = value.where;
        for (const auto& field : value.entries) entry.entries.push_back(field);
    } else {
        diagnostics.error(value.is_null() ? key.where : value.where,
                          "term '" + key.scalar + "' needs its expansion ('" + key.scalar +
                              ": what it stands for') or its fields ('" + key.scalar +
                              ": {expansion: …, definition: …}'), but it is " + describe(value),
                          static_cast<int>(key.scalar.size()));
        return std::nullopt;
    }
    return entry;
}

}  // namespace

std::vector<Term> read_terms(const std::string& text, const std::string& display,
                             const SiteFolder& folder, Diagnostics& diagnostics, bool regional) {
    std::vector<Term> terms;
    auto root = load::parse_yaml(text, display, diagnostics);
    if (!root) return terms;
    std::vector<load::RawNode> entries;
    if (root->is_mapping()) {
        for (const auto& [key, value] : root->entries) {
            if (auto entry = as_list_entry(key, value, diagnostics)) entries.push_back(*entry);
        }
    } else if (root->is_sequence()) {
        entries = root->items;
    } else if (!root->is_null()) {
        diagnostics.error(root->where,
                          "a glossary must be a list of terms, each starting '- term:', or a "
                          "mapping of terms ('LSP: Local Strategic Partnership'), but it is " +
                              describe(*root));
        return terms;
    }
    IdRegistry names("term", diagnostics);
    for (const auto& entry : entries) {
        Fields fields(entry, "term", folder, diagnostics);
        if (!fields.ok()) continue;
        Term t;
        t.term = fields.text("term", Need::required).value_or("");
        if (!t.term.empty()) names.add(t.term, fields.where("term"), fields.length("term"));
        t.expansion = fields.text("expansion").value_or("");
        t.abbreviation =
            fields.boolean("abbreviation").value_or(jargon::looks_like_abbreviation(t.term));
        // An abbreviation may be explained by its expansion alone; anything
        // else needs a definition. (The schema cannot tell them apart.)
        const bool explained = t.abbreviation && !t.expansion.empty();
        t.definition = fields
                           .markdown("definition", explained || folder.describing ? Need::optional
                                                                                  : Need::required)
                           .value_or(Markdown{});
        const bool plural_given = entry.find("plural") != nullptr;
        t.plural = fields.text("plural").value_or("");
        if (!plural_given && !t.term.empty()) t.plural = t.term + "s";
        t.plural_expansion = fields.text("plural_expansion").value_or("");
        if (t.plural_expansion.empty() && !t.plural.empty() && t.abbreviation) {
            t.plural_expansion = jargon::plural_of(t.expansion);
        }
        t.match = fields.boolean("match").value_or(true);
        t.see_also = fields.text_list("see_also");
        if (const load::RawNode* list = entry.find("see_also"); list && list->is_sequence()) {
            for (const auto& item : list->items) {
                if (item.is_scalar()) t.see_also_where.push_back(item.where);
            }
        }
        if (regional) t.region = fields.text("region", Need::required).value_or("");
        fields.finish();
        terms.push_back(std::move(t));
    }
    return terms;
}

namespace {

std::string lower(const std::string& s) {
    std::string k;
    for (unsigned char c : s) k += static_cast<char>(std::tolower(c));
    return k;
}

// The regional glossary's terms for a site: the national ones and those of
// its region. A see_also naming a term left out is dropped.
std::vector<Term> regional_terms(const SiteFolder& folder, const std::string& region,
                                 Diagnostics& diagnostics) {
    // The regional glossary ships inside lspgen; its errors are lspgen's own.
    std::vector<Term> terms = read_terms(regional_glossary_yaml(), "lspgen:glossary/regional.yaml",
                                         folder, diagnostics, true);
    std::erase_if(terms, [&](const Term& t) {
        return t.region != "national" && lower(t.region) != lower(region);
    });
    for (auto& t : terms) {
        for (size_t i = t.see_also.size(); i-- > 0;) {
            if (std::none_of(terms.begin(), terms.end(),
                             [&](const Term& u) { return u.term == t.see_also[i]; })) {
                t.see_also.erase(t.see_also.begin() + static_cast<std::ptrdiff_t>(i));
                if (i < t.see_also_where.size()) {
                    t.see_also_where.erase(t.see_also_where.begin() +
                                           static_cast<std::ptrdiff_t>(i));
                }
            }
        }
    }
    return terms;
}

}  // namespace

void read_glossary(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    std::vector<Term> terms;
    if (site.settings.regional_glossary) {
        terms = regional_terms(folder, site.settings.region, diagnostics);
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
    std::stable_sort(terms.begin(), terms.end(),
                     [&](const Term& a, const Term& b) { return lower(a.term) < lower(b.term); });
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
