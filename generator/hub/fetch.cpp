#include "hub/fetch.hpp"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

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

struct Transfer {
    std::string body;
    std::uint64_t max_bytes = 0;
    bool too_large = false;
    std::string etag;
    std::string last_modified;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    if (t->body.size() + n > t->max_bytes) {
        t->too_large = true;
        return 0;  // stops the transfer: CURLE_WRITE_ERROR
    }
    t->body.append(data, n);
    return n;
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) s.pop_back();
    size_t start = 0;
    while (start < s.size() && s[start] == ' ') ++start;
    return s.substr(start);
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::string line(data, size * count);
    const size_t colon = line.find(':');
    if (line.rfind("HTTP/", 0) == 0) {
        // A new response (after a redirect): forget the previous headers.
        t->etag.clear();
        t->last_modified.clear();
    } else if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "etag") t->etag = trim(line.substr(colon + 1));
        if (name == "last-modified") t->last_modified = trim(line.substr(colon + 1));
    }
    return size * count;
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

FetchResult fetch(const std::string& url, const CachedCopy* cached, const FetchOptions& options) {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    FetchResult result;
    if (!initialised) {
        result.problem = "libcurl could not start";
        return result;
    }
    CURL* curl = curl_easy_init();
    if (!curl) {
        result.problem = "libcurl could not start";
        return result;
    }
    Transfer transfer;
    transfer.max_bytes = options.max_bytes;
    curl_slist* headers = nullptr;
    if (cached && !cached->etag.empty()) {
        headers = curl_slist_append(headers, ("If-None-Match: " + cached->etag).c_str());
    }
    if (cached && !cached->last_modified.empty()) {
        headers =
            curl_slist_append(headers, ("If-Modified-Since: " + cached->last_modified).c_str());
    }
    headers = curl_slist_append(headers, "Accept: application/json");
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options.timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "lspgen-hub (+https://lspgen.example.org/)");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    const CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.http_status);
    curl_easy_cleanup(curl);
    curl_slist_free_all(headers);

    const std::string limit = megabytes(options.max_bytes);
    if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        result.problem = "the answer is larger than the " + limit + " limit";
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
        std::ostringstream seconds;
        seconds << options.timeout_ms / 1000.0;
        result.problem = "no complete answer within " + seconds.str() + " s";
    } else if (code != CURLE_OK) {
        result.problem = std::string("could not fetch it: ") +
                         (error_buffer[0] ? error_buffer : curl_easy_strerror(code));
    } else if (result.http_status == 304 && cached) {
        result.status = FetchResult::Status::not_modified;
        result.body = cached->body;
        result.etag = transfer.etag.empty() ? cached->etag : transfer.etag;
        result.last_modified =
            transfer.last_modified.empty() ? cached->last_modified : transfer.last_modified;
    } else if (result.http_status != 200) {
        result.problem = "the server answered HTTP " + std::to_string(result.http_status);
    } else {
        result.status = FetchResult::Status::ok;
        result.body = std::move(transfer.body);
        result.etag = transfer.etag;
        result.last_modified = transfer.last_modified;
    }
    return result;
}

}  // namespace lspgen::hub
