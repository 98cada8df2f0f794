#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.hpp"

namespace lspgen::links {

/// The files of a built site, wherever they are. The checker reads only
/// through this, so it runs the same on a build in memory and on any tree
/// on disk (one lspgen did not build, too).
class OutputTree {
  public:
    virtual ~OutputTree() = default;
    virtual bool is_file(const std::string& path) const = 0;
    virtual bool is_directory(const std::string& path) const = 0;
    /// Paths of the HTML pages, in a stable order.
    virtual std::vector<std::string> html_pages() const = 0;
    virtual std::string read(const std::string& path) const = 0;
};

/// A tree on disk. Its files and folders are listed once, when it is made,
/// so a link costs a look-up, not a stat().
class DiskTree : public OutputTree {
  public:
    explicit DiskTree(std::filesystem::path root);
    bool is_file(const std::string& path) const override;
    bool is_directory(const std::string& path) const override;
    std::vector<std::string> html_pages() const override;
    std::string read(const std::string& path) const override;

  private:
    std::filesystem::path root_;
    std::set<std::string> files_;
    std::set<std::string> folders_;
};

/// A tree held in memory: generated files with their bytes, and the paths
/// of files that will be copied.
class MemoryTree : public OutputTree {
  public:
    void add_file(const std::string& path, const std::string* content);
    bool is_file(const std::string& path) const override;
    bool is_directory(const std::string& path) const override;
    std::vector<std::string> html_pages() const override;
    std::string read(const std::string& path) const override;

  private:
    std::map<std::string, const std::string*> files_;  // content null: a copied file
};

/// Where a link in the output came from in the site's data.
struct LinkOrigin {
    std::string page;
    std::string href;
    SourceLocation where;
};

/// One problem found by the checker.
struct Finding {
    enum class Severity { error, warning };
    Severity severity = Severity::error;
    std::string page;  // path in the tree
    int line = 0;
    int column = 0;
    std::string url;
    std::string message;
    /// Set when the link came from a YAML or Markdown file.
    SourceLocation origin;
};

struct CheckResult {
    std::vector<Finding> findings;  // grouped by page, in page order
    size_t pages = 0;
    size_t links = 0;
    size_t external_links = 0;         // http(s) links seen (checked only with --external)
    size_t external_urls_checked = 0;  // distinct URLs the external check settled
    bool has_errors() const;
};

/// Checks every internal link and fragment of every page in `tree`, and
/// reports images without alt text. See the README for the policy on the
/// cases where link checkers disagree.
CheckResult check_internal(const OutputTree& tree, const std::vector<LinkOrigin>& origins = {});

}  // namespace lspgen::links
