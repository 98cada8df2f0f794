#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "load/text_file.hpp"
#include "model/load_site.hpp"

namespace lspgen {

namespace fs = std::filesystem;

namespace {

// True when `link` (a symbolic link, or a path through one) leads to
// something outside the site folder `root` (canonical). A link that leads
// nowhere or loops is not published, so it does not count.
bool leads_outside(const fs::path& link, const fs::path& root) {
    std::error_code ec;
    const fs::path real = fs::canonical(link, ec);
    if (ec) return false;
    const auto [root_end, _] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
    return root_end != root.end();
}

// True when the data names `rel` or a file under it: the data's own check
// then reports the link, at the line that names it.
bool named_under(const SiteFolder& folder, const std::string& rel) {
    if (folder.named_files.count(rel)) return true;
    auto named = folder.named_files.lower_bound(rel + "/");
    return named != folder.named_files.end() && named->rfind(rel + "/", 0) == 0;
}

// Everything under assets/ is published and served, so a symbolic link there
// that leads out of the site folder would put any file on the disk on the
// web: it is an error, as a photo or paper linked from outside is.
void report_link_outside(const SiteFolder& folder, const fs::path& link, const std::string& rel,
                         Diagnostics& diagnostics) {
    std::error_code ec;
    const bool is_folder = fs::is_directory(link, ec);
    diagnostics.error({folder.display_path(rel), 0, 0},
                      "'" + rel + "' is a symbolic link to " + (is_folder ? "a folder" : "a file") +
                          " outside the site folder ('" + fs::read_symlink(link, ec).string() +
                          "'), and everything under assets/ is published; copy " +
                          (is_folder ? "the folder" : "the file") +
                          " into the site folder instead");
}

}  // namespace

// Every file under assets/ is published, named in the data or not, so one
// that cannot be read must stop the build here, with its name, rather than
// when the site is already half written.
void read_assets(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    const fs::path assets = folder.dir / "assets";
    std::error_code ec;
    if (!fs::is_directory(assets, ec)) return;
    const fs::path root = fs::canonical(folder.dir, ec);
    if (ec) return;  // load_site has read the folder: only a race gets here
    if (fs::is_symlink(assets, ec) && leads_outside(assets, root)) {
        if (!named_under(folder, "assets")) {
            report_link_outside(folder, assets, "assets", diagnostics);
        }
        return;
    }
    for (auto it = fs::recursive_directory_iterator(assets, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code type_ec;
        const std::string rel = it->path().lexically_relative(folder.dir).generic_string();
        // Links are not walked into nor published unless the data names them
        // (and then the data's own check reports them); one that leads out
        // of the site is a mistake to report all the same.
        if (it->is_symlink(type_ec)) {
            if (leads_outside(it->path(), root) && !named_under(folder, rel)) {
                report_link_outside(folder, it->path(), rel, diagnostics);
            }
            continue;
        }
        if (it->is_directory(type_ec)) {
            // A folder is walked into, when it can be. When the data names
            // a file in it, that file's diagnostic, at the line that names
            // it, says why it cannot be read.
            const int fd = ::open(it->path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd >= 0) {
                ::close(fd);
                continue;
            }
            const int error = errno;
            it.disable_recursion_pending();
            auto named = folder.named_files.lower_bound(rel + "/");
            if (named != folder.named_files.end() && named->rfind(rel + "/", 0) == 0) continue;
            diagnostics.error({folder.display_path(rel), 0, 0},
                              "'" + rel + "' is a folder that " + load::unreadable(error));
            continue;
        }
        // Only regular files are published: a pipe or a device is left out.
        if (!it->is_regular_file(type_ec)) continue;
        site.assets.push_back(rel);
        if (folder.named_files.count(rel)) continue;  // the data's own check reports it
        if (const std::string problem = load::file_problem(it->path()); !problem.empty()) {
            diagnostics.error({folder.display_path(rel), 0, 0}, "'" + rel + "' " + problem);
        }
    }
    if (ec) {
        diagnostics.error({folder.display_path("assets"), 0, 0},
                          "cannot read every file in this folder: " + ec.message());
    }
}

}  // namespace lspgen
