#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "model/dates.hpp"

/// `lspgen new`: a new site folder made from the scaffold compiled into the
/// binary (generator/scaffold/site/), with placeholders marked TODO.
namespace lspgen::scaffold {

/// The partnership's name as the new site.yaml states it.
struct Identity {
    std::string name;        // "Examplefield Local Strategic Partnership"
    std::string short_name;  // "Examplefield LSP"
    std::string area;        // "Examplefield"
};

/// The identity for a site folder named `slug`. Without `name_option` the
/// name comes from the slug ("tonbridge-malling" gives "Tonbridge Malling
/// Local Strategic Partnership"); with it, the short name and the area are
/// taken from a name ending in "Local Strategic Partnership" or "LSP", and
/// otherwise the short name is the name and the area comes from the slug.
Identity identity_for(const std::string& slug, const std::string& name_option);

/// True when `slug` can name a site folder: lower-case letters, digits and
/// single hyphens, as ids are written.
bool is_valid_slug(const std::string& slug);

/// One file of a new site: its path relative to the site folder and its bytes.
struct SiteFile {
    std::string path;
    std::string bytes;
};

/// The files of a new site, placeholders filled in: `today` dates the news
/// item and places one meeting a month before it and the next ones after
/// it, so the homepage shows coming meetings and the audit finds minutes.
/// `site_dir` is how the folder is named in the files' comments. The JSON
/// Schemas of `lspgen schema` go into .schemas/, which the first line of
/// each YAML file names for editors (`# yaml-language-server: $schema=…`).
std::vector<SiteFile> site_files(const Identity& identity, const std::string& slug,
                                 const std::string& site_dir, const Date& today);

/// What `lspgen new` was asked to make.
struct NewSiteOptions {
    std::filesystem::path dir;
    std::optional<std::string> name;
    Date today;
};

/// Makes the site folder. It is written whole into a hidden sibling folder
/// and renamed into place, so a failure leaves nothing behind. Refuses a
/// folder that exists and is not empty, and never changes it. Messages go to
/// `out` (what was made, what to do next) and `err`. Returns 0, 1 when the
/// folder exists, 2 for an unusable folder name or --name, 3 when the folder
/// cannot be written.
int create_site(const NewSiteOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lspgen::scaffold
