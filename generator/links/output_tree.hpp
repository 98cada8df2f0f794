#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

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
    /// A file's bytes: a view of the tree's own copy, or of `buffer`, which
    /// it fills (and reuses, so a thread reading many files allocates once).
    /// A file that cannot be read gives an empty view and, when `error` is
    /// given, sets it to why ("Permission denied"); `error` is left alone
    /// when the read succeeds.
    virtual std::string_view read(const std::string& path, std::string& buffer,
                                  std::string* error = nullptr) const = 0;
};

/// A tree on disk. Its files and folders are listed once, when it is made,
/// so a link costs a look-up, not a stat().
class DiskTree : public OutputTree {
  public:
    explicit DiskTree(std::filesystem::path root);
    ~DiskTree() override;
    DiskTree(const DiskTree&) = delete;
    DiskTree& operator=(const DiskTree&) = delete;
    bool is_file(const std::string& path) const override;
    bool is_directory(const std::string& path) const override;
    std::vector<std::string> html_pages() const override;
    std::string_view read(const std::string& path, std::string& buffer,
                          std::string* error = nullptr) const override;

  private:
    std::filesystem::path root_;
    std::unordered_set<std::string> files_;
    std::unordered_set<std::string> folders_;
    int root_fd_ = -1;  // files are opened from here
};

/// A tree held in memory: generated files with their bytes, and the paths
/// of files that will be copied.
class MemoryTree : public OutputTree {
  public:
    void add_file(const std::string& path, const std::string* content);
    bool is_file(const std::string& path) const override;
    bool is_directory(const std::string& path) const override;
    std::vector<std::string> html_pages() const override;
    std::string_view read(const std::string& path, std::string& buffer,
                          std::string* error = nullptr) const override;

  private:
    std::map<std::string, const std::string*> files_;  // content null: a copied file
};

}  // namespace lspgen::links
