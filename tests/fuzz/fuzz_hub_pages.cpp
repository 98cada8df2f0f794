// Fuzz target: the hub's whole path from a partnership's data.json to its
// pages. The data is read as the hub reads a fetched copy, the partnership
// gets its page (beside one listed partnership that wants the same slug),
// the hub is rendered, and the internal link check runs over the pages in
// memory. Whatever a partnership's server sends, the hub renders, no two
// files share a path, and no link on any page is broken.
//
// The first byte picks the base for relative links (bit 0) and the slug the
// listed partnership wants (bit 1: the hub's own "by-county", else the
// fetched partnership's); the rest is data.json as fetched.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>

#include "audit/audit.hpp"
#include "base/diagnostics.hpp"
#include "fuzz_input.hpp"
#include "hub/hub.hpp"
#include "links/internal_check.hpp"
#include "links/output_tree.hpp"
#include "model/load_site.hpp"
#include "theme/theme.hpp"

namespace {

using namespace lspgen;

/// A small hub, written to a temporary folder and loaded once.
struct Hub {
    std::optional<Site> site;
    std::optional<Theme> theme;
};

const Hub& the_hub() {
    static const Hub hub = [] {
        namespace fs = std::filesystem;
        Hub h;
        char pattern[] = "/tmp/lspgen-fuzz-hub-XXXXXX";
        const char* dir = mkdtemp(pattern);
        if (!dir) std::abort();
        std::ofstream(fs::path(dir) / "site.yaml")
            << "kind: hub\nstatus: example\nname: Fuzz Hub\narea: the Fuzz Region\n"
               "base_url: https://hub.example.org/\nsummary: Every partnership.\n"
               "contact:\n  email: hub@example.org\n"
               "partnerships:\n  - name: Listed\n    area: Listedshire\n";
        Diagnostics d;
        h.site = load_site(dir, "hub", d);
        if (h.site) {
            h.theme = Theme::load(default_themes_dir(), h.site->settings.theme,
                                  fs::path(dir) / "templates", "hub/templates", d);
        }
        std::error_code ec;
        fs::remove_all(dir, ec);
        if (!h.site || !h.theme || d.has_errors()) {
            d.print(std::cerr);
            std::abort();
        }
        return h;
    }();
    return hub;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const Hub& hub = the_hub();
    fuzz::Input input(data, size);
    const unsigned char choice = input.byte();
    const std::string base = (choice & 1) ? "https://lsp.example.org/fuzz/" : "";
    const std::string text = input.rest();
    const Date today{2009, 3, 1};

    hub::Partnership fetched;
    fetched.source = hub::Source::data;
    fetched.source_text = "https://lsp.example.org/fuzz/data.json";
    audit::Evidence evidence;
    Diagnostics warnings;
    if (!hub::read_open_data(text, fetched.source_text, base, today, fetched, evidence, warnings)) {
        return 0;  // the hub shows its last good copy instead: not this path
    }
    if (warnings.error_count() != 0) std::abort();  // a partnership's fault is only a warning
    fetched.audit = audit::run(evidence);
    hub::Partnership listed;
    listed.name = listed.short_name = "Listed";
    listed.area = "Listedshire";
    listed.slug = (choice & 2) ? "by-county" : fetched.slug;
    std::vector<hub::Partnership> all = {fetched, listed};
    hub::give_own_pages(all, {}, warnings);

    Diagnostics diagnostics;
    const auto rendered = hub::render_hub(*hub.site, all, *hub.theme, today, diagnostics);
    if (!rendered || diagnostics.has_errors()) {
        diagnostics.print(std::cerr);
        std::abort();
    }
    links::MemoryTree tree;
    std::set<std::string> paths;
    for (const auto& file : rendered->files) {
        if (!paths.insert(file.path).second) {
            std::cerr << "two files at " << file.path << "\n";
            std::abort();
        }
        tree.add_file(file.path, &file.content);
    }
    for (const auto& copy : rendered->copies) tree.add_file(copy.path, nullptr);
    const links::CheckResult result = links::check_internal(tree, rendered->origins);
    bool broken = false;
    for (const auto& f : result.findings) {
        if (f.severity != Severity::error) continue;
        std::cerr << f.where.path << ":" << f.where.line << ":" << f.where.column << ": '"
                  << f.subject << "': " << f.message << "\n";
        broken = true;
    }
    if (broken) std::abort();
    return 0;
}
