#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace lspgen::links {

/// What the external checker learnt about one URL (without fragment).
struct CachedResult {
    long status = 0;              // the final HTTP status; 0 when no response came
    bool ok = false;              // the link works (a permanent redirect still works)
    std::int64_t checked_at = 0;  // unix seconds
    std::string final_url;        // after redirects
    bool moved_permanently = false;
    /// Fragments found on the page when it was checked, so that a later
    /// run asking for one of them needs no request.
    std::set<std::string> fragments;
};

/// The results cache shared between runs of `lspgen check --external`: a
/// JSON object mapping each URL to {status, ok, checked_at, final_url,
/// moved_permanently, fragments}. Only successes are ever reused; failures
/// are kept for the reader's benefit and always checked again.
class ResultsCache {
  public:
    /// Reads `file`. A missing, unreadable or corrupt file gives an empty
    /// cache: the run is then slower, never wrong, and rewrites the file.
    static ResultsCache load(const std::filesystem::path& file);

    /// The entry for `url` when it is a success checked less than
    /// `ttl_seconds` before `now`, and it confirms every fragment in
    /// `fragments`; null otherwise.
    const CachedResult* fresh(const std::string& url, std::int64_t now, long ttl_seconds,
                              const std::set<std::string>& fragments) const;

    void store(const std::string& url, CachedResult result);

    /// Writes the entries younger than `ttl_seconds` to `file` atomically (a
    /// temporary file in the same folder, then a rename), so an interrupted
    /// run never leaves half a file. On failure returns false and says why
    /// in `error`; the old file is then untouched.
    bool save(const std::filesystem::path& file, std::int64_t now, long ttl_seconds,
              std::string& error) const;

  private:
    std::map<std::string, CachedResult> entries_;
};

}  // namespace lspgen::links
