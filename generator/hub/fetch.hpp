#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

/// Fetching partnerships' data.json over HTTP(S) with libcurl, and the
/// on-disk cache of the last good copy of each. libcurl stays in this module.
namespace lspgen::hub {

/// The last good copy of a data.json, with what is needed to ask the server
/// whether it has changed (ETag, Last-Modified).
struct CachedCopy {
    std::string url;
    std::string body;
    std::string etag;
    std::string last_modified;
    /// When it was last fetched or confirmed unchanged (Unix seconds).
    std::int64_t fetched_at = 0;
};

/// One file pair per URL in a folder: <hash>.json (the body) and
/// <hash>.meta.json (url, etag, last_modified, fetched_at).
class DataCache {
  public:
    explicit DataCache(std::filesystem::path dir) : dir_(std::move(dir)) {}
    /// The copy of `url`, or nullopt when there is none or it is unreadable
    /// (a corrupt cache is a missing one: the next good fetch rewrites it).
    std::optional<CachedCopy> load(const std::string& url) const;
    /// Stores a copy, creating the folder, writing each file atomically.
    /// Returns false with `error` set when the disk refuses.
    bool store(const CachedCopy& copy, std::string& error) const;
    const std::filesystem::path& dir() const { return dir_; }

  private:
    std::filesystem::path file_for(const std::string& url, const char* suffix) const;
    std::filesystem::path dir_;
};

struct FetchOptions {
    long connect_timeout_ms = 5000;
    /// The whole transfer; a server that trickles is cut off here.
    long timeout_ms = 20000;
    /// Larger bodies are refused (and the transfer stopped when they pass it).
    std::uint64_t max_bytes = 5 * 1024 * 1024;
};

/// What a fetch gave.
struct FetchResult {
    enum class Status {
        ok,            // 200 with a new body
        not_modified,  // 304: the cached copy is still current
        failed,        // anything else: see `problem`
    };
    Status status = Status::failed;
    std::string body;
    std::string etag;
    std::string last_modified;
    long http_status = 0;
    /// Why it failed, in words: "the server answered HTTP 404", "no answer
    /// within 20 s", "larger than the 5 MB limit", "could not connect: …".
    std::string problem;
};

/// GETs `url` (http or https only; redirects followed, at most 5), sending
/// If-None-Match / If-Modified-Since when `cached` has them. Never throws.
FetchResult fetch(const std::string& url, const CachedCopy* cached, const FetchOptions& options);

}  // namespace lspgen::hub
