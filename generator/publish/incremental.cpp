#include "publish/incremental.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace lspgen::incremental {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::optional<Stamp> stat_stamp(const char* file, std::string relative) {
    struct stat st {};
    if (::stat(file, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return Stamp{std::move(relative), static_cast<std::uintmax_t>(st.st_size),
                 static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

json stamps_to_json(const std::vector<Stamp>& stamps) {
    json list = json::array();
    for (const auto& s : stamps) list.push_back(json::array({s.path, s.size, s.mtime_ns}));
    return list;
}

std::vector<Stamp> stamps_from_json(const json& list) {
    std::vector<Stamp> stamps;
    stamps.reserve(list.size());
    for (const auto& s : list) {
        stamps.push_back({s.at(0).get<std::string>(), s.at(1).get<std::uintmax_t>(),
                          s.at(2).get<std::int64_t>()});
    }
    return stamps;
}

}  // namespace

std::optional<Stamp> stamp_file(const fs::path& file, const std::string& relative) {
    return stat_stamp(file.c_str(), relative);
}

std::vector<Stamp> stamp_tree(const fs::path& dir, const fs::path& skip) {
    std::vector<Stamp> stamps;
    std::error_code ec;
    const fs::path skip_abs = skip.empty() ? fs::path() : fs::absolute(skip, ec).lexically_normal();
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const bool hidden = !name.empty() && name[0] == '.';
        std::error_code type_ec;
        if (it->is_directory(type_ec)) {
            if (hidden || (!skip_abs.empty() &&
                           fs::absolute(it->path(), type_ec).lexically_normal() == skip_abs)) {
                it.disable_recursion_pending();
            }
            continue;
        }
        if (hidden) continue;
        if (auto s = stat_stamp(it->path().c_str(),
                                it->path().lexically_relative(dir).generic_string())) {
            stamps.push_back(std::move(*s));
        }
    }
    std::sort(stamps.begin(), stamps.end(),
              [](const Stamp& a, const Stamp& b) { return a.path < b.path; });
    return stamps;
}

fs::path state_file(const fs::path& out) {
    fs::path target = fs::absolute(out).lexically_normal();
    if (!target.has_filename()) target = target.parent_path();
    return target.parent_path() / ("." + target.filename().string() + ".lspgen-state");
}

std::optional<State> read_state(const fs::path& out) {
    std::ifstream in(state_file(out), std::ios::binary);
    if (!in) return std::nullopt;
    try {
        const json doc = json::parse(in);
        if (doc.value("format", 0) != kStateFormat) return std::nullopt;
        State state;
        state.owned = doc.at("owned").get<std::vector<std::string>>();
        state.setup = doc.at("setup").get<std::string>();
        for (const auto& s : doc.at("sites")) {
            SiteRecord r;
            r.folder = s.at("folder").get<std::string>();
            r.slug = s.at("slug").get<std::string>();
            r.pages = s.at("pages").get<size_t>();
            const json& printed = s.at("printed");
            r.printed.diagnostics = printed.at("diagnostics").get<std::string>();
            r.printed.advice = printed.at("advice").get<std::string>();
            r.printed.links = printed.at("links").get<std::string>();
            r.inputs = stamps_from_json(s.at("inputs"));
            r.outputs = stamps_from_json(s.at("outputs"));
            state.sites.push_back(std::move(r));
        }
        return state;
    } catch (const json::exception&) {
        return std::nullopt;  // damaged or from another version: build it all
    }
}

bool write_state(const fs::path& out, const State& state, std::string& error) {
    json doc;
    doc["format"] = kStateFormat;
    doc["owned"] = state.owned;
    doc["setup"] = state.setup;
    doc["sites"] = json::array();
    for (const auto& r : state.sites) {
        doc["sites"].push_back({{"folder", r.folder},
                                {"slug", r.slug},
                                {"pages", r.pages},
                                {"printed",
                                 {{"diagnostics", r.printed.diagnostics},
                                  {"advice", r.printed.advice},
                                  {"links", r.printed.links}}},
                                {"inputs", stamps_to_json(r.inputs)},
                                {"outputs", stamps_to_json(r.outputs)}});
    }
    const fs::path file = state_file(out);
    const fs::path temporary = file.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
        stream << doc.dump();
        stream.close();
        if (!stream) {
            error = "cannot write " + file.string() + ": " + std::strerror(errno);
            std::error_code ec;
            fs::remove(temporary, ec);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec) {
        error = "cannot write " + file.string() + ": " + ec.message();
        fs::remove(temporary, ec);
        return false;
    }
    return true;
}

void remove_state(const fs::path& out) {
    std::error_code ec;
    fs::remove(state_file(out), ec);
}

std::optional<std::string> save_state(const fs::path& out) {
    std::ifstream in(state_file(out), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void restore_state(const fs::path& out, const std::optional<std::string>& saved) {
    if (!saved) {
        remove_state(out);
        return;
    }
    const fs::path file = state_file(out);
    const fs::path temporary = file.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
        stream << *saved;
        stream.close();
        if (!stream) {
            std::error_code ec;
            fs::remove(temporary, ec);
            return;  // the record written last stays: it names more files, never fewer
        }
    }
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec) fs::remove(temporary, ec);
}

bool outputs_intact(const fs::path& out, const SiteRecord& record) {
    for (const auto& stamp : record.outputs) {
        const auto now = stat_stamp((out / stamp.path).c_str(), stamp.path);
        if (!now || !(*now == stamp)) return false;
    }
    return !record.outputs.empty();
}

}  // namespace lspgen::incremental
