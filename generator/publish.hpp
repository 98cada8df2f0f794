#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace lspgen {

/// Writes a build into a staging directory beside the output directory and
/// swaps it in only when everything was written, so readers of OUT see the
/// old site or the new one, never half of either. If the build fails or the
/// process stops early, the staging directory is removed and OUT is untouched.
class Staging {
  public:
    /// Creates `.<name>.staging-<pid>` next to `out`. Gives nullopt and sets
    /// `error` when the parent folder cannot be written.
    static std::optional<Staging> create(const std::filesystem::path& out, std::string& error);

    Staging(Staging&& other) noexcept;
    Staging& operator=(Staging&&) = delete;
    ~Staging();

    /// Writes `content` to `relative` (a path with forward slashes) inside the staging tree.
    bool write(const std::string& relative, const std::string& content, std::string& error);
    /// Copies the file `source` to `relative` inside the staging tree.
    bool copy(const std::filesystem::path& source, const std::string& relative, std::string& error);
    /// Swaps the staging tree in as `out` and removes the old output.
    bool commit(std::string& error);

    const std::filesystem::path& dir() const { return dir_; }

  private:
    Staging(std::filesystem::path out, std::filesystem::path dir)
        : out_(std::move(out)), dir_(std::move(dir)) {}
    bool make_parent(const std::filesystem::path& file, std::string& error);

    std::filesystem::path out_;
    std::filesystem::path dir_;
    bool committed_ = false;
};

}  // namespace lspgen
