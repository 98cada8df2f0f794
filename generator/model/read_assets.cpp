#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "load/text_file.hpp"
#include "model/load_site.hpp"

namespace lspgen {

namespace fs = std::filesystem;

// Every file under assets/ is published, named in the data or not, so one
// that cannot be read must stop the build here, with its name, rather than
// when the site is already half written.
void read_assets(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    const fs::path assets = folder.dir / "assets";
    std::error_code ec;
    if (!fs::is_directory(assets, ec)) return;
    for (auto it = fs::recursive_directory_iterator(assets, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code type_ec;
        // Links are not published unless the data names them (and then the
        // data's own check reports them).
        if (it->is_symlink(type_ec)) continue;
        const std::string rel = it->path().lexically_relative(folder.dir).generic_string();
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
