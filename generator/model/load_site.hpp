#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "model/fields.hpp"
#include "model/site.hpp"

namespace lspgen {

/// Reads and validates every data file of the site in `dir`. `display` is how
/// the folder is named in diagnostics (usually the path the user typed).
/// Every problem of every file is reported; gives nullopt when there was any
/// error, so nothing is rendered from bad data.
std::optional<Site> load_site(const std::filesystem::path& dir, const std::string& display,
                              Diagnostics& diagnostics);

// The stages of load_site, one per data file, each reporting into
// diagnostics. The list readers return false when the file itself could not
// be read or parsed, so that references into it are not reported as unknown.
void read_site_settings(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);
/// A hub's `partnerships` (the `list`, or nullptr) and `cache_dir`, from
/// site.yaml's `root`. Mistakes are errors in `diagnostics`, as for any site.
void read_hub_settings(const load::RawNode& root, const load::RawNode* list,
                       const SiteFolder& folder, HubSettings& settings, Diagnostics& diagnostics);
/// site.yaml's `accessibility:` mapping, for the accessibility statement.
void read_accessibility(const load::RawNode& node, const SiteFolder& folder,
                        AccessibilitySettings& settings, Diagnostics& diagnostics);
bool read_members(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);
bool read_boards(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);
bool read_meetings(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);
bool read_documents(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);
void read_pages(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);
void read_news(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);
void read_events(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);
void read_indicators(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);
/// The regional glossary that ships with lspgen (its national terms and
/// those of the site's region), merged with the site's glossary.yaml (a site
/// term replaces a regional one with the same name).
void read_glossary(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);

/// Lists every file under assets/ into site.assets; each is published, so
/// each must be readable.
void read_assets(const SiteFolder& folder, Site& site, Diagnostics& diagnostics);

/// Reads glossary terms from YAML text (the regional glossary or a site's
/// glossary.yaml): a list of terms (`- term: LSP`), or a mapping from each
/// term to its expansion (an abbreviation's) or definition, or to its other
/// fields (`LAA: {expansion: …, definition: …}`). Each term of the regional
/// glossary (`regional`) names its `region`: "national" or a region.
std::vector<Term> read_terms(const std::string& text, const std::string& display,
                             const SiteFolder& folder, Diagnostics& diagnostics,
                             bool regional = false);

/// The regional glossary's YAML, compiled into lspgen.
const std::string& regional_glossary_yaml();

/// Works out an indicator's status from its direction, target and results.
IndicatorStatus compute_status(const Indicator& indicator);

/// Which list files could be parsed; references into the others are not checked.
struct ReadableFiles {
    bool members = true;
    bool boards = true;
    bool documents = true;
};

/// Reads an attachment value: a document id, or a mapping with exactly one of
/// file, url or document (plus, for papers, the caller's own fields).
Attachment read_attachment(Fields& fields);

/// Checks that every id referred to exists (members → boards, meetings →
/// boards and documents, key_documents…), that posts are held at most once,
/// and that Markdown has no unsafe links.
void check_references(const Site& site, const ReadableFiles& readable, Diagnostics& diagnostics);

}  // namespace lspgen
