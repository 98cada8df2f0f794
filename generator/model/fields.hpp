#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"
#include "load/placeholders.hpp"
#include "load/yaml_loader.hpp"
#include "model/field_schema.hpp"
#include "model/site.hpp"

namespace lspgen {

/// Where the site being read lives, for path fields and diagnostics.
struct SiteFolder {
    SiteFolder(std::filesystem::path folder, std::string shown)
        : dir(std::move(folder)), display(std::move(shown)) {}
    std::filesystem::path dir;
    /// How the folder is named in diagnostics ("sites/spelthorne").
    std::string display;
    /// "sites/spelthorne/members.yaml"
    std::string display_path(const std::string& file) const;
    /// Every file path the data names ("assets/jo.jpg"), good or bad: the
    /// check of assets/ leaves those to the data's own, exact diagnostics.
    mutable std::set<std::string> named_files;
    /// The placeholders (TODO, reserved example contacts) in every file read,
    /// found as each file is read; load_site decides whether they are errors.
    mutable std::vector<load::Placeholder> placeholders;
    /// Set for describe mode (`lspgen schema`): the readers then read no
    /// file and record each field they ask for here instead.
    FieldCollector* describing = nullptr;
};

enum class Need { optional, required };

/// Reads the fields of one YAML mapping (a member, a meeting…), checking each
/// value's type as it is asked for. Every problem becomes a diagnostic at the
/// value's place; a field with a problem reads as absent, so the caller can
/// carry on and report everything in one run. `finish()` then reports keys
/// nobody asked for, with a "did you mean" suggestion, and duplicate keys.
class Fields {
  public:
    /// `what` names the record in messages: "meeting", "site.yaml".
    Fields(const load::RawNode& node, std::string what, const SiteFolder& folder,
           Diagnostics& diagnostics);

    /// False when the node is not a mapping (already reported).
    bool ok() const { return ok_; }

    std::optional<std::string> text(const char* key, Need need = Need::optional);
    std::optional<Markdown> markdown(const char* key, Need need = Need::optional);
    std::optional<bool> boolean(const char* key);
    std::optional<int> integer(const char* key);
    /// A number such as 1490 or 12.5.
    std::optional<double> number(const char* key, Need need = Need::optional);
    std::optional<Date> date(const char* key, Need need = Need::optional);
    std::optional<TimeOfDay> time(const char* key);
    /// `start` and `end` times; `end` needs `start` and must be later.
    /// `what` names the record in messages ("the meeting ends … before it starts").
    std::pair<std::optional<TimeOfDay>, std::optional<TimeOfDay>> time_range(const char* what);
    /// An id of this record: lower-case letters, digits and hyphens.
    std::optional<std::string> id(const char* key = "id");
    std::optional<IdRef> id_ref(const char* key);
    std::vector<IdRef> id_refs(const char* key);
    std::vector<std::string> text_list(const char* key);
    /// One of `allowed`; anything else is reported with the closest choice.
    std::optional<std::string> choice(const char* key, const std::vector<std::string>& allowed,
                                      Need need = Need::optional);
    /// An absolute http(s) or mailto URL. javascript: and other schemes are errors.
    std::optional<std::string> url(const char* key);
    /// An email address, written plainly (not as a mailto: link).
    std::optional<std::string> email(const char* key);
    /// A regular file inside the site folder.
    std::optional<LocalFile> path(const char* key);
    /// A nested node, for the caller to read (mappings inside mappings).
    /// `shape` and `need` say what the caller expects, for the schema; a
    /// missing required node is reported by the caller, in its own words.
    const load::RawNode* node(const char* key, Shape shape = Shape::mapping,
                              Need need = Need::optional);

    /// Reports missing required keys, unknown keys (with "did you mean") and
    /// duplicate keys. Call once, after reading. A missing key that an unknown
    /// key looks like a typo of is reported once, as the typo.
    void finish();

    /// Where the record starts.
    SourceLocation where() const { return node_.where; }
    /// Where the value of `key` is (or the record, when the key is absent).
    SourceLocation where(const char* key) const;
    /// The caret length of the value of `key`.
    int length(const char* key) const;

    /// Reports an error about the value of `key`.
    void error(const char* key, const std::string& message);

  private:
    /// In describe mode, records the field.
    void note(const char* key, FieldType type, Need need = Need::optional,
              const std::vector<std::string>& allowed = {});
    const load::RawNode* lookup(const char* key, Need need);
    const load::RawNode* scalar(const char* key, Need need, const char* expected);

    const load::RawNode& node_;
    std::string what_;
    const SiteFolder& folder_;
    Diagnostics& diagnostics_;
    std::vector<std::string> known_;
    std::vector<std::string> missing_;  // required keys not found, reported by finish()
    bool ok_ = true;
    RecordShape* describing_ = nullptr;  // in describe mode, where fields are recorded
};

/// Reads a whole list file (members.yaml…): its top level must be a list of
/// mappings. A missing file is an empty list. Gives nullopt when the file
/// could not be read or parsed (already reported).
std::optional<load::RawNode> read_list_file(const SiteFolder& folder, const std::string& file,
                                            Diagnostics& diagnostics);

/// Reads a list file record by record. Each entry that is a mapping gets a
/// Fields for `read`, which returns the record's key (its id); keys are
/// checked for duplicates and unknown fields reported after `read`. Returns
/// false when the file could not be read or parsed.
template <typename Read>
bool read_records(const SiteFolder& folder, const std::string& file, const std::string& what,
                  const char* key, Diagnostics& diagnostics, Read read);

/// Reports a second record with the same id in one file.
class IdRegistry {
  public:
    /// `what` names the id in messages: "member id", "indicator code", "term".
    IdRegistry(std::string what, Diagnostics& diagnostics)
        : what_(std::move(what)), diagnostics_(diagnostics) {}
    /// Returns false (and reports) when `id` was seen before.
    bool add(const std::string& id, const SourceLocation& where, int length);

  private:
    std::string what_;
    Diagnostics& diagnostics_;
    std::unordered_map<std::string, int> seen_;  // id → its line
};

template <typename Read>
bool read_records(const SiteFolder& folder, const std::string& file, const std::string& what,
                  const char* key, Diagnostics& diagnostics, Read read) {
    auto list = read_list_file(folder, file, diagnostics);
    if (!list) return false;
    IdRegistry keys(what + " " + key, diagnostics);
    for (const auto& entry : list->items) {
        Fields fields(entry, what, folder, diagnostics);
        if (!fields.ok()) continue;
        const std::string id = read(fields, entry);
        if (!id.empty()) keys.add(id, fields.where(key), fields.length(key));
        fields.finish();
    }
    return true;
}

/// Edit distance between two short strings, for "did you mean": letters
/// inserted, deleted or changed, and two neighbours swapped, each count one.
size_t edit_distance(const std::string& a, const std::string& b);
/// The closest of `candidates` to `word` when it is close enough to be a typo.
std::optional<std::string> closest(const std::string& word,
                                   const std::vector<std::string>& candidates);

/// What a YAML node is, in words: "a list", "a mapping", "text", "nothing".
std::string describe(const load::RawNode& node);

}  // namespace lspgen
