// `lspgen new`: fills the scaffold's placeholders and writes the new site
// folder in one rename.
#include "cli/scaffold/new_site.hpp"

#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "base/embedded_file.hpp"
#include "build/build.hpp"
#include "cli/exit_code.hpp"
#include "cli/schema_command.hpp"

namespace lspgen::scaffold {

namespace fs = std::filesystem;

namespace {

const std::string kPartnership = " Local Strategic Partnership";
const std::string kLsp = " LSP";

bool ends_with(const std::string& text, const std::string& end) {
    return text.size() > end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

/// "tonbridge-malling" → "Tonbridge Malling".
std::string words_of(const std::string& slug) {
    std::string words;
    bool word_start = true;
    for (char c : slug) {
        if (c == '-') {
            words += ' ';
            word_start = true;
            continue;
        }
        words += word_start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        word_start = false;
    }
    return words;
}

/// A YAML double-quoted scalar holding `text`. A JSON string is one (YAML
/// 1.2 reads JSON), and nlohmann's escaping of quotes, backslashes and
/// control characters is what YAML expects. Throws on invalid UTF-8.
std::string yaml_quoted(const std::string& text) {
    return nlohmann::json(text).dump();
}

/// `days` after `date` (before it when negative), then moved forward or
/// back to the next `weekday` (0 Monday … 6 Sunday), so that meetings fall
/// on a working day and the past stays past.
Date shifted(const Date& date, long days, int weekday) {
    long d = date.days_since_epoch() + days;
    const auto weekday_of = [](long n) { return static_cast<int>(((n + 3) % 7 + 7) % 7); };
    const int step = days < 0 ? -1 : 1;
    while (weekday_of(d) != weekday) d += step;
    return Date::from_days_since_epoch(d);
}

/// Text files get their placeholders filled; PDFs and other files are
/// copied as they are.
bool is_text(const std::string& path) {
    const std::string ext = fs::path(path).extension().string();
    return ext == ".yaml" || ext == ".md";
}

std::string filled(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [token, value] : values) {
        for (size_t at = text.find(token); at != std::string::npos;
             at = text.find(token, at + value.size())) {
            text.replace(at, token.size(), value);
        }
    }
    return text;
}

/// The slug lspgen build will give the folder (see load_site).
std::string slug_of(const fs::path& dir) {
    const fs::path normal = fs::absolute(dir).lexically_normal();
    std::string slug = normal.filename().string();
    return slug.empty() ? normal.parent_path().filename().string() : slug;
}

/// Writes every file under `root`; false (with `error` set) on failure.
bool write_files(const fs::path& root, const std::vector<SiteFile>& files, std::string& error) {
    for (const auto& file : files) {
        const fs::path path = root / file.path;
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        if (ec) {
            error = "cannot create " + path.parent_path().string() + ": " + ec.message();
            return false;
        }
        std::ofstream stream(path, std::ios::binary);
        stream.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
        stream.close();
        if (!stream) {
            error = "cannot write " + path.string();
            return false;
        }
    }
    return true;
}

bool is_empty_directory(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(fs::symlink_status(dir, ec)) && fs::is_empty(dir, ec) && !ec;
}

}  // namespace

bool is_valid_slug(const std::string& slug) {
    if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
    for (size_t i = 0; i < slug.size(); ++i) {
        const char c = slug[i];
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && slug[i - 1] != '-');
        if (!ok) return false;
    }
    return true;
}

Identity identity_for(const std::string& slug, const std::string& name_option) {
    const std::string place = words_of(slug);
    if (name_option.empty()) return {place + kPartnership, place + kLsp, place};
    if (ends_with(name_option, kPartnership)) {
        const std::string prefix = name_option.substr(0, name_option.size() - kPartnership.size());
        return {name_option, prefix + kLsp, prefix};
    }
    if (ends_with(name_option, kLsp)) {
        return {name_option, name_option, name_option.substr(0, name_option.size() - kLsp.size())};
    }
    return {name_option, name_option, place};
}

std::vector<SiteFile> site_files(const Identity& identity, const std::string& slug,
                                 const std::string& site_dir, const Date& today) {
    // A folder name on one line, so that it cannot end a YAML comment.
    std::string dir_in_comments = site_dir;
    for (char& c : dir_in_comments) {
        if (c == '\n' || c == '\r') c = '?';
    }
    const std::map<std::string, std::string> values = {
        {"@NAME@", yaml_quoted(identity.name)},
        {"@SHORT_NAME@", yaml_quoted(identity.short_name)},
        {"@AREA@", yaml_quoted(identity.area)},
        {"@SLUG@", slug},
        {"@SITE_DIR@", dir_in_comments},
        {"@TODAY@", today.iso()},
        {"@PAST_MEETING@", shifted(today, -30, 1).iso()},
        {"@NEXT_MEETING@", shifted(today, 30, 1).iso()},
        {"@GROUP_MEETING@", shifted(today, 45, 3).iso()},
        {"@EVENT@", shifted(today, 60, 5).iso()},
        {"@LATER_MEETING@", shifted(today, 120, 1).iso()},
    };
    std::vector<SiteFile> files;
    for (const auto& embedded : scaffold_site_files()) {
        std::string bytes(embedded.bytes);
        if (is_text(std::string(embedded.path))) bytes = filled(std::move(bytes), values);
        files.push_back({filled(std::string(embedded.path), values), std::move(bytes)});
    }
    // The schemas that each YAML file's first line names, so that an editor
    // checks the fields as they are typed, offline.
    for (const auto& schema : cli::schema_files()) {
        files.push_back({".schemas/" + schema.name, schema.text});
    }
    return files;
}

int create_site(const NewSiteOptions& options, std::ostream& out, std::ostream& err) {
    const std::string display = options.dir.string();
    const std::string slug = slug_of(options.dir);
    if (!is_valid_slug(slug)) {
        err << "lspgen: '" << slug
            << "' cannot name a site: the folder's name becomes the site's address, so use "
               "lower-case letters, digits and hyphens (e.g. sites/examplefield)\n";
        return kExitUsage;
    }
    const std::string name = options.name.value_or("");
    if (options.name && (name.empty() || name.find_first_of("\n\r\t") != std::string::npos)) {
        err << "lspgen: --name must be the partnership's name on one line\n";
        return kExitUsage;
    }
    std::error_code ec;
    const auto status = fs::symlink_status(options.dir, ec);
    const bool exists = status.type() != fs::file_type::not_found && !ec;
    if (exists && !is_empty_directory(options.dir)) {
        err << "lspgen: " << display
            << " already exists; choose a new folder (lspgen new never changes an existing "
               "one)\n";
        return kExitBadInput;
    }

    const Identity identity = identity_for(slug, name);
    std::vector<SiteFile> files;
    try {
        files = site_files(identity, slug, display, options.today);
    } catch (const nlohmann::json::exception&) {
        err << "lspgen: --name is not valid UTF-8 text\n";
        return kExitUsage;
    }

    // The parent folders may not exist yet: remember the first one made, so
    // that a failure removes what this command created and nothing else.
    fs::path target = fs::absolute(options.dir).lexically_normal();
    if (target.filename().empty()) target = target.parent_path();
    const fs::path parent = target.parent_path();
    fs::path first_made;
    for (fs::path p = parent; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        first_made = p;
        if (p == p.parent_path()) break;
    }
    fs::create_directories(parent, ec);
    if (ec) {
        err << "lspgen: cannot create " << parent.string() << ": " << ec.message() << "\n";
        return kExitEnvironment;
    }
    const fs::path staging = parent / ("." + slug + ".lspgen-new-" + std::to_string(::getpid()));
    fs::remove_all(staging, ec);
    std::string error;
    bool ok = fs::create_directory(staging, ec) && !ec && write_files(staging, files, error);
    if (!ok && error.empty()) error = "cannot create " + staging.string() + ": " + ec.message();
    if (ok) {
        // rename() replaces an empty folder and fails on a non-empty one, so
        // a folder filled since the check above is still left alone.
        fs::rename(staging, target, ec);
        if (ec) {
            ok = false;
            error = "cannot create " + display + ": " + ec.message();
        }
    }
    if (!ok) {
        const bool filled_meanwhile = ec == std::errc::directory_not_empty;
        fs::remove_all(staging, ec);
        if (!first_made.empty()) fs::remove_all(first_made, ec);
        if (filled_meanwhile) {
            err << "lspgen: " << display << " already exists; choose a new folder\n";
            return kExitBadInput;
        }
        err << "lspgen: " << error << "\n";
        return kExitEnvironment;
    }

    out << "Created " << display << ": a new site for " << identity.name << " (" << files.size()
        << " files).\n"
        << "Every placeholder is marked TODO. The site is a draft (status: draft in "
           "site.yaml): every page says so until you delete that line, and then lspgen "
           "builds it only once no placeholder is left. Next:\n"
        << "  grep -rn TODO " << display << "    # what to fill in, file by file\n"
        << "  lspgen build " << display << " -o public/" << slug << "\n"
        << "  lspgen audit " << display << "    # the good practice it still misses\n";
    return kExitOk;
}

}  // namespace lspgen::scaffold
