// Fuzz target: every kind of data file through the real loader and
// validator. The first byte picks the kind ('0' site.yaml … ':' a hub's
// site.yaml); the rest is the file, written into a scratch site folder that
// also holds a few assets, so that path fields find real files.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/diagnostics.hpp"
#include "fuzz_input.hpp"
#include "hub/hub.hpp"
#include "model/fields.hpp"
#include "model/load_site.hpp"

namespace {

namespace fs = std::filesystem;
using namespace lspgen;

enum class Kind {
    site,
    members,
    boards,
    meetings,
    documents,
    indicators,
    events,
    glossary,
    page,
    news,
    hub,
    count
};

/// Where each kind's file goes in the site folder.
const char* file_of(Kind kind) {
    switch (kind) {
        case Kind::site:
        case Kind::hub:
            return "site.yaml";
        case Kind::members:
            return "members.yaml";
        case Kind::boards:
            return "boards.yaml";
        case Kind::meetings:
            return "meetings.yaml";
        case Kind::documents:
            return "documents.yaml";
        case Kind::indicators:
            return "indicators.yaml";
        case Kind::events:
            return "events.yaml";
        case Kind::glossary:
            return "glossary.yaml";
        case Kind::page:
            return "pages/about.md";
        case Kind::news:
            return "news/2009-02-02-agreed.md";
        case Kind::count:
            break;
    }
    std::abort();
}

/// A scratch site folder for this process, removed at exit.
class ScratchSite {
  public:
    ScratchSite() {
        std::string pattern = (fs::temp_directory_path() / "lspgen-fuzz-XXXXXX").string();
        if (!mkdtemp(pattern.data())) std::abort();
        dir_ = pattern;
        fs::create_directories(dir_ / "assets" / "folder");
        fs::create_directories(dir_ / "pages");
        fs::create_directories(dir_ / "news");
        std::ofstream(dir_ / "assets" / "photo.jpg") << "not really a photo";
        std::ofstream(dir_ / "assets" / "report.pdf") << "%PDF-1.4";
        std::error_code ec;
        fs::create_symlink("/etc/hostname", dir_ / "assets" / "outside.txt", ec);
    }
    ~ScratchSite() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    const fs::path& dir() const { return dir_; }

    void write(const char* file, const std::string& text) const {
        std::ofstream out(dir_ / file, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out) std::abort();
    }

  private:
    fs::path dir_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const ScratchSite scratch;
    lspgen::fuzz::Input input(data, size);
    const auto kind = static_cast<Kind>(static_cast<unsigned char>(input.byte() - '0') %
                                        static_cast<unsigned>(Kind::count));
    scratch.write(file_of(kind), input.rest());

    Diagnostics diagnostics;
    const SiteFolder folder{scratch.dir(), "sites/fuzz"};
    Site site;
    site.dir = scratch.dir();
    site.slug = "fuzz";
    ReadableFiles readable;
    switch (kind) {
        case Kind::site:
            read_site_settings(folder, site, diagnostics);
            break;
        case Kind::members:
            readable.members = read_members(folder, site, diagnostics);
            break;
        case Kind::boards:
            readable.boards = read_boards(folder, site, diagnostics);
            break;
        case Kind::meetings:
            read_meetings(folder, site, diagnostics);
            break;
        case Kind::documents:
            readable.documents = read_documents(folder, site, diagnostics);
            break;
        case Kind::indicators:
            read_indicators(folder, site, diagnostics);
            break;
        case Kind::events:
            read_events(folder, site, diagnostics);
            break;
        case Kind::glossary:
            // The regional glossary is lspgen's own, tested elsewhere; it
            // would only slow every run down.
            site.settings.regional_glossary = false;
            read_glossary(folder, site, diagnostics);
            break;
        case Kind::page:
            read_pages(folder, site, diagnostics);
            break;
        case Kind::news:
            read_news(folder, site, diagnostics);
            break;
        case Kind::hub: {
            read_site_settings(folder, site, diagnostics);
            // A hub's partnerships are read with its site.yaml.
            if (site.hub.entries.size() > 100000) std::abort();
            break;
        }
        case Kind::count:
            std::abort();
    }
    check_references(site, readable, diagnostics);
    // Caret printing quotes the file's lines at each diagnostic's place.
    std::ostringstream sink;
    diagnostics.print(sink);
    return 0;
}
