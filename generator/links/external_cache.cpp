#include "links/external_cache.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

namespace lspgen::links {

namespace fs = std::filesystem;

ResultsCache ResultsCache::load(const fs::path& file) {
    ResultsCache cache;
    std::ifstream in(file, std::ios::binary);
    if (!in) return cache;
    // A cache someone edited by hand, or cut short by a full disk, is only
    // a cache: anything that does not read as expected is dropped.
    const nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) return cache;
    for (const auto& [url, entry] : json.items()) {
        if (!entry.is_object()) continue;
        try {
            CachedResult result;
            result.status = entry.at("status").get<long>();
            result.ok = entry.at("ok").get<bool>();
            result.checked_at = entry.at("checked_at").get<std::int64_t>();
            result.final_url = entry.value("final_url", url);
            result.moved_permanently = entry.value("moved_permanently", false);
            result.fragments = entry.value("fragments", std::set<std::string>{});
            cache.entries_.emplace(url, std::move(result));
        } catch (const nlohmann::json::exception&) {
            continue;
        }
    }
    return cache;
}

const CachedResult* ResultsCache::fresh(const std::string& url, std::int64_t now, long ttl_seconds,
                                        const std::set<std::string>& fragments) const {
    auto it = entries_.find(url);
    if (it == entries_.end()) return nullptr;
    const CachedResult& r = it->second;
    // An entry "from the future" comes from a clock that was wrong: recheck.
    if (!r.ok || r.checked_at > now || now - r.checked_at >= ttl_seconds) return nullptr;
    const bool all_known =
        std::includes(r.fragments.begin(), r.fragments.end(), fragments.begin(), fragments.end());
    return all_known ? &r : nullptr;
}

void ResultsCache::store(const std::string& url, CachedResult result) {
    entries_[url] = std::move(result);
}

bool ResultsCache::save(const fs::path& file, std::int64_t now, long ttl_seconds,
                        std::string& error) const {
    nlohmann::json json = nlohmann::json::object();
    for (const auto& [url, r] : entries_) {
        // An old entry could never be reused: keep the file small.
        if (now - r.checked_at >= ttl_seconds) continue;
        nlohmann::json entry = {{"status", r.status},
                                {"ok", r.ok},
                                {"checked_at", r.checked_at},
                                {"final_url", r.final_url}};
        if (r.moved_permanently) entry["moved_permanently"] = true;
        if (!r.fragments.empty()) entry["fragments"] = r.fragments;
        json[url] = std::move(entry);
    }
    std::error_code ec;
    if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
    const fs::path temp =
        file.string() + ".tmp-" + std::to_string(static_cast<long long>(::getpid()));
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << json.dump(2) << "\n";
        out.flush();
        if (!out) {
            error = "cannot write " + temp.string();
            out.close();
            fs::remove(temp, ec);
            return false;
        }
    }
    fs::rename(temp, file, ec);
    if (ec) {
        error = "cannot replace " + file.string() + ": " + ec.message();
        fs::remove(temp, ec);
        return false;
    }
    return true;
}

}  // namespace lspgen::links
