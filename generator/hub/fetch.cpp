#include "hub/fetch.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "net/http_client.hpp"

namespace lspgen::hub {

namespace fs = std::filesystem;

namespace {

/// FNV-1a: a stable file name for a URL, the same on every machine.
std::string url_hash(const std::string& url) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : url) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
    return buffer;
}

std::optional<std::string> read_whole(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool write_atomically(const fs::path& file, const std::string& content, std::string& error) {
    const fs::path temp = file.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out.flush()) {
            error = "cannot write " + temp.string();
            return false;
        }
    }
    std::error_code ec;
    fs::rename(temp, file, ec);
    if (ec) {
        error = "cannot write " + file.string() + ": " + ec.message();
        return false;
    }
    return true;
}

bool holds_line_break(const std::string& s) {
    return s.find_first_of("\r\n") != std::string::npos;
}

std::string seconds_text(long ms) {
    std::ostringstream seconds;
    seconds << ms / 1000.0;
    return seconds.str();
}

std::string megabytes(std::uint64_t bytes) {
    std::ostringstream text;
    text << bytes / (1024.0 * 1024.0) << " MB";
    return text.str();
}

}  // namespace

fs::path DataCache::file_for(const std::string& url, const char* suffix) const {
    return dir_ / (url_hash(url) + suffix);
}

std::optional<CachedCopy> DataCache::load(const std::string& url) const {
    auto meta_text = read_whole(file_for(url, ".meta.json"));
    auto body = read_whole(file_for(url, ".json"));
    if (!meta_text || !body) return std::nullopt;
    try {
        const auto meta = nlohmann::json::parse(*meta_text);
        CachedCopy copy;
        copy.url = meta.at("url").get<std::string>();
        if (copy.url != url) return std::nullopt;  // a hash collision: ignore it
        copy.etag = meta.value("etag", "");
        copy.last_modified = meta.value("last_modified", "");
        // Sent back as headers: one that could smuggle in another is dropped.
        if (holds_line_break(copy.etag)) copy.etag.clear();
        if (holds_line_break(copy.last_modified)) copy.last_modified.clear();
        copy.fetched_at = meta.at("fetched_at").get<std::int64_t>();
        copy.body = std::move(*body);
        return copy;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

bool DataCache::store(const CachedCopy& copy, std::string& error) const {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) {
        error = "cannot create the cache folder " + dir_.string() + ": " + ec.message();
        return false;
    }
    const nlohmann::json meta = {{"url", copy.url},
                                 {"etag", copy.etag},
                                 {"last_modified", copy.last_modified},
                                 {"fetched_at", copy.fetched_at}};
    // The body first: a meta file always describes a complete body.
    return write_atomically(file_for(copy.url, ".json"), copy.body, error) &&
           write_atomically(file_for(copy.url, ".meta.json"), meta.dump(2) + "\n", error);
}

namespace {

/// What went wrong with the connection, in words that follow "could not
/// fetch it:" without repeating it, then libcurl's own words.
std::string connection_problem(const net::Response& r) {
    std::string what;
    switch (r.failure) {
        case net::Failure::no_such_host:
            what = "the server's name does not resolve";
            break;
        case net::Failure::cannot_connect:
            what = "the server refused the connection or cannot be reached";
            break;
        case net::Failure::closed_without_answer:
            what = "the server closed the connection without answering";
            break;
        case net::Failure::partial:
        case net::Failure::reset_receiving:
            what = "the answer was cut off";
            break;
        case net::Failure::reset_sending:
            what = "the connection was reset";
            break;
        case net::Failure::bad_scheme:
            what = "it redirected to an address that is not http or https";
            break;
        case net::Failure::too_many_redirects:
            what = "it redirected too many times";
            break;
        case net::Failure::tls:
            what = "the secure (TLS) connection failed";
            break;
        default:
            what = "the connection failed";
            break;
    }
    return r.failure_text.empty() ? what : what + " (" + r.failure_text + ")";
}

FetchResult result_of(const net::Response& r, const CachedCopy* cached,
                      const FetchOptions& options) {
    FetchResult result;
    result.http_status = r.status;
    switch (r.failure) {
        case net::Failure::none:
            break;
        case net::Failure::timeout:
            result.problem = "no complete answer within " + seconds_text(options.timeout_ms) + " s";
            return result;
        case net::Failure::deadline:
            result.problem = "no complete answer before the deadline of " +
                             seconds_text(options.deadline_ms) + " s for all the hub's fetches";
            return result;
        case net::Failure::private_address:
            result.problem = "it redirected to " + r.refused +
                             ", which the hub does not follow a partnership's server to";
            return result;
        default:
            result.problem = connection_problem(r);
            return result;
    }
    if (r.body_cut) {
        result.problem = "the answer is larger than the " + megabytes(options.max_bytes) + " limit";
    } else if (r.status == 304 && cached) {
        result.status = FetchResult::Status::not_modified;
        result.body = cached->body;
        result.etag = r.etag.empty() ? cached->etag : r.etag;
        result.last_modified = r.last_modified.empty() ? cached->last_modified : r.last_modified;
    } else if (r.status != 200) {
        result.problem = "the server answered HTTP " + std::to_string(r.status);
    } else {
        result.status = FetchResult::Status::ok;
        result.body = r.body;
        result.etag = r.etag;
        result.last_modified = r.last_modified;
    }
    // A validator that could smuggle a header into the next request is
    // not kept.
    if (holds_line_break(result.etag)) result.etag.clear();
    if (holds_line_break(result.last_modified)) result.last_modified.clear();
    return result;
}

}  // namespace

std::vector<FetchResult> fetch_all(const std::vector<FetchRequest>& requests,
                                   const FetchOptions& options) {
    std::vector<net::Request> sent;
    for (const auto& request : requests) {
        net::Request q;
        q.url = request.url;
        q.user_agent = "lspgen-hub (+https://lspgen.example.org/)";
        q.headers.push_back("Accept: application/json");
        if (request.cached && !request.cached->etag.empty()) {
            q.headers.push_back("If-None-Match: " + request.cached->etag);
        }
        if (request.cached && !request.cached->last_modified.empty()) {
            q.headers.push_back("If-Modified-Since: " + request.cached->last_modified);
        }
        q.connect_timeout_ms = options.connect_timeout_ms;
        q.timeout_ms = options.timeout_ms;
        q.max_redirects = 5;
        q.max_body_bytes = static_cast<std::size_t>(options.max_bytes);
        // Every connection is checked against the private-address rule
        // before anything is sent on it.
        q.fresh_connections = true;
        sent.push_back(std::move(q));
    }
    const auto deadline = net::Clock::now() + std::chrono::milliseconds(options.deadline_ms);
    const auto responses = net::get_all(std::move(sent), {options.max_in_flight, 4}, deadline);
    std::vector<FetchResult> results;
    for (size_t i = 0; i < requests.size(); ++i) {
        results.push_back(result_of(responses[i], requests[i].cached, options));
    }
    return results;
}

FetchResult fetch(const std::string& url, const CachedCopy* cached, const FetchOptions& options) {
    return fetch_all({{url, cached}}, options).front();
}

}  // namespace lspgen::hub
