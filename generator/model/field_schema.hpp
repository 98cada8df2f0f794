#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "load/yaml_loader.hpp"

/// What the readers of the data files ask for, written down as they ask:
/// the single definition of every field, from which `lspgen schema` makes
/// JSON Schemas. Running a reader with a FieldCollector in its SiteFolder
/// ("describe mode") reads no file: each Fields call records its key, its
/// type, whether it is required and its allowed values, and each nested
/// mapping or list is handed out empty so that its reader runs too.
namespace lspgen {

/// The kind of value a Fields call reads.
enum class FieldType {
    text,
    markdown,
    boolean,
    integer,
    number,
    date,
    time,
    id,
    id_ref,
    id_refs,
    text_list,
    choice,
    url,
    email,
    path,
    mapping,        // a nested mapping, read by its own Fields
    list,           // a list of mappings, each read by its own Fields
    id_or_mapping,  // a document id, or a mapping (an attachment)
};

/// The shape a nested node (Fields::node) is expected to have.
enum class Shape { mapping, list, id_or_mapping, text };

struct RecordShape;

/// One field of a record, as its reader asks for it.
struct FieldShape {
    std::string key;
    FieldType type = FieldType::text;
    bool required = false;
    std::vector<std::string> allowed;     // for choice
    std::shared_ptr<RecordShape> record;  // for mapping, list and id_or_mapping
};

/// The fields of one YAML mapping (a member, a meeting's paper…).
struct RecordShape {
    /// How the reader names the record in messages: "member", "paper".
    std::string what;
    std::vector<FieldShape> fields;
    /// True when the reader reports unknown keys (it called finish()).
    bool closed = false;
    /// Keys that may be given only with another: {"end", "start"}.
    std::vector<std::pair<std::string, std::string>> needs;

    /// Records a field; a key asked for twice keeps its first description.
    FieldShape& add(const std::string& key, FieldType type, bool required,
                    std::vector<std::string> allowed = {});
};

/// Set in SiteFolder::describing: readers then record their fields here.
class FieldCollector {
  public:
    /// The record a Fields on `node` describes: the nested record of the
    /// field that handed `node` out, or else the top record.
    RecordShape& record_for(const load::RawNode& node, const std::string& what);
    /// An empty node of `shape` for the field `key` of `parent`, which a
    /// reader can read as if the file held it (nullptr for Shape::text).
    const load::RawNode* nested(RecordShape& parent, const std::string& key, Shape shape,
                                bool required);

    /// The record of the whole file, or of each entry of a list file.
    RecordShape top;

  private:
    std::deque<load::RawNode> nodes_;
    std::map<const load::RawNode*, RecordShape*> owners_;
    bool top_taken_ = false;
};

/// One data file (or the front matter of a folder of Markdown files).
struct DataFileShape {
    std::string kind;   // "members", "news"
    std::string file;   // "members.yaml", "news/*.md"
    bool list = false;  // a list of records, rather than one
    RecordShape record;
    /// For a list that may also be written as a mapping from each record's
    /// `keyed_by` field to a text or to the record's other fields (the
    /// glossary: `LSP: Local Strategic Partnership`); empty when it may not.
    std::string keyed_by;
};

/// Every data file of a site, described by running its reader.
std::vector<DataFileShape> describe_data_files();

/// The one-line description of a field, by its path: "members.name",
/// "site.contact.email", "meetings.papers.title". Empty when there is none.
std::string field_description(const std::string& path);

}  // namespace lspgen
