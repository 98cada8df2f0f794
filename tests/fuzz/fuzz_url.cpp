// Fuzz target: resolving a link against the page it is on. The input is the
// page's path in the tree, a newline, then the link as written. An internal
// link that stays in the tree must name a path inside it (the checker looks
// for that file under the tree's root), and a plain file name is the file
// beside the page, whatever the page's own name holds. The resolver with a
// memory, kept from one input to the next, must give what resolve() gives,
// for the link and for "../" + the link one folder deeper.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_input.hpp"
#include "links/url.hpp"

namespace {

/// True when a path segment of `path` is "..".
bool climbs(const std::string& path) {
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        if (path.compare(start, end - start, "..") == 0) return true;
        start = end + 1;
    }
    return false;
}

/// A page's path as the link checker gives it: relative to the tree's root,
/// no empty, "." or ".." segments. Any other byte may be in a file name.
bool is_page_path(const std::string& path) {
    if (path.empty() || path.find('\0') != std::string::npos) return false;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        const std::string segment = path.substr(start, end - start);
        if (segment.empty() || segment == "." || segment == "..") return false;
        start = end + 1;
    }
    return true;
}

/// "report-2009.pdf": a link that can only mean a file beside the page.
bool is_plain_name(const std::string& href) {
    if (href.empty() || href.front() == '.') return false;
    for (char c : href) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
            return false;
        }
    }
    return href.find("..") == std::string::npos;
}

bool same(const lspgen::links::Target& a, const lspgen::links::Target& b) {
    return a.kind == b.kind && a.path == b.path && a.fragment == b.fragment && a.url == b.url &&
           a.escapes_root == b.escapes_root;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lspgen::fuzz::Input input(data, size);
    const std::string page = input.until('\n');
    const std::string href = input.rest();
    if (!is_page_path(page)) return 0;
    const lspgen::links::Target target = lspgen::links::resolve(page, href);
    static lspgen::links::LinkResolver memory;
    if (!same(memory.resolve(page, href), target)) std::abort();
    const std::string deeper = page.substr(0, page.rfind('/') + 1) + "sub/other.html";
    if (!same(memory.resolve(deeper, "../" + href), lspgen::links::resolve(deeper, "../" + href))) {
        std::abort();
    }
    using Kind = lspgen::links::Target::Kind;
    switch (target.kind) {
        case Kind::same_page:
            if (target.path != page) std::abort();
            break;
        case Kind::internal:
            if (!target.escapes_root && (climbs(target.path) || target.path.rfind('/', 0) == 0)) {
                std::abort();
            }
            break;
        case Kind::external:
            if (target.url.rfind("http://", 0) != 0 && target.url.rfind("https://", 0) != 0) {
                std::abort();
            }
            break;
        default:
            break;
    }
    if (is_plain_name(href) && (target.kind != Kind::internal || target.escapes_root ||
                                target.path != page.substr(0, page.rfind('/') + 1) + href)) {
        std::abort();
    }
    return 0;
}
