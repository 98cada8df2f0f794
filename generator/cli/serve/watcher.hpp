#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lspgen::serve {

/// Watches folders and everything below them with inotify, for `lspgen
/// serve`: a change is any file or folder created, written, moved or
/// deleted. Folders made later are watched as they appear.
class Watcher {
  public:
    /// Watches `folders`, except anything under `ignored` (such as an
    /// output folder inside a site). Gives nullptr, with `error` saying why,
    /// when inotify cannot be set up or cannot watch them all.
    static std::unique_ptr<Watcher> open(const std::vector<std::filesystem::path>& folders,
                                         std::vector<std::filesystem::path> ignored,
                                         std::string& error);
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    /// Blocks until something changed and then nothing more for `quiet`
    /// (an editor's save is several events), and returns true; returns
    /// false once stop() has been called.
    bool wait_for_change(std::chrono::milliseconds quiet);

    /// Makes wait_for_change() return false. Safe from any thread and from
    /// a signal handler.
    void stop();

    /// Why a folder made while watching could not be watched (inotify's
    /// limit), once; empty when all is well.
    std::string take_problem();

  private:
    explicit Watcher(std::vector<std::filesystem::path> ignored);
    /// False, with the reason in problem_, when inotify's limit is reached.
    bool watch_tree(const std::filesystem::path& folder);
    std::string problem_;
    bool is_ignored(const std::filesystem::path& path) const;
    /// Reads the pending events; true when one of them is a change we want.
    bool drain();

    int inotify_ = -1;
    int stop_ = -1;                                 // an eventfd
    std::map<int, std::filesystem::path> folders_;  // watch descriptor → folder
    std::vector<std::filesystem::path> ignored_;
};

}  // namespace lspgen::serve
