#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace lspgen::cli {

/// One JSON Schema file: "members.schema.json" and its text.
struct SchemaFile {
    std::string kind;  // "members"
    std::string name;  // "members.schema.json"
    std::string text;
};

/// The JSON Schemas (draft 2020-12) of every data file, made from the
/// fields the readers ask for (describe_data_files), in the README's order.
std::vector<SchemaFile> schema_files();

/// `lspgen schema [KIND] [-o DIR]`: prints the JSON Schema of one kind of
/// data file, or writes every kind's into DIR.
class SchemaCommand : public Subcommand {
  public:
    /// Adds the subcommand and its options to `app`.
    void add_to(CLI::App& app);
    /// Returns 0, 2 for a usage error (an unknown KIND, neither KIND nor -o),
    /// 3 when DIR cannot be written.
    int run(std::ostream& out, std::ostream& err) const;

  private:
    std::string kind_;
    std::string out_dir_;
};

}  // namespace lspgen::cli
