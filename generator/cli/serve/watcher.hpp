#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace lspgen::serve {

/// Watches folders and everything below them with inotify, for `lspgen
/// serve`: a change is any file or folder created, written, moved or
/// deleted. Folders made later are watched as they appear.
class Watcher {
  public:
    /// Watches `folders`, except anything under `ignored` (such as an
    /// output folder inside a site). Throws std::runtime_error, saying why,
    /// when inotify cannot be set up.
    Watcher(const std::vector<std::filesystem::path>& folders,
            std::vector<std::filesystem::path> ignored);
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

  private:
    void watch_tree(const std::filesystem::path& folder);
    bool is_ignored(const std::filesystem::path& path) const;
    /// Reads the pending events; true when one of them is a change we want.
    bool drain();

    int inotify_ = -1;
    int stop_ = -1;                                 // an eventfd
    std::map<int, std::filesystem::path> folders_;  // watch descriptor → folder
    std::vector<std::filesystem::path> ignored_;
};

}  // namespace lspgen::serve
