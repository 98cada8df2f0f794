#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

/// Fetching partnerships' data.json over HTTP(S) with the HTTP client
/// (net/), all at once, and the on-disk cache of the last good copy of each.
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
    /// An ETag or Last-Modified holding CR or LF is dropped: it is never
    /// sent back.
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
    /// One fetch; a server that trickles is cut off here.
    long timeout_ms = 20000;
    /// Larger bodies are refused (and the transfer stopped when they pass it).
    std::uint64_t max_bytes = 5 * 1024 * 1024;
    /// All the fetches of one fetch_all() together: they run at once, and
    /// none runs past this, however many silent servers there are.
    long deadline_ms = 30000;
    /// Fetches at once (four at most to one host).
    std::size_t max_in_flight = 16;
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
    /// within 20 s", "larger than the 5 MB limit", "the server refused the
    /// connection or cannot be reached (…)", "it redirected to 10.0.0.1 (a
    /// private address), …". It reads on after "could not fetch it: ".
    std::string problem;
};

/// One data.json to fetch, and its last good copy if there is one.
struct FetchRequest {
    std::string url;
    const CachedCopy* cached = nullptr;
};

/// GETs every URL at once (http or https only; redirects followed, at most
/// 5, never to a private address its own URL did not reach: see
/// net::Response), sending If-None-Match / If-Modified-Since when the
/// cached copy has them. Gives one result per request, in order. Never
/// throws.
std::vector<FetchResult> fetch_all(const std::vector<FetchRequest>& requests,
                                   const FetchOptions& options);

/// fetch_all() of one URL.
FetchResult fetch(const std::string& url, const CachedCopy* cached, const FetchOptions& options);

}  // namespace lspgen::hub
