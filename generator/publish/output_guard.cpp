#include "publish/output_guard.hpp"

#include <algorithm>
#include <sstream>

namespace lspgen {

namespace fs = std::filesystem;

namespace {

/// How many of the files in the way a message names.
constexpr size_t kFilesNamed = 5;

fs::path normal_absolute(const fs::path& path) {
    std::error_code ec;
    fs::path p = fs::absolute(path, ec).lexically_normal();
    if (!p.has_filename() && p != p.root_path()) p = p.parent_path();  // "public/" → "public"
    return p;
}

/// The path with every link in it resolved, as far as it exists.
fs::path real_path(const fs::path& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(normal_absolute(path), ec);
    if (ec) return normal_absolute(path);
    if (!p.has_filename() && p != p.root_path()) p = p.parent_path();
    return p;
}

/// True when `inner` is `outer` or lies inside it.
bool within(const fs::path& inner, const fs::path& outer) {
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
        if (o->empty()) continue;  // a trailing separator
        if (i == inner.end() || *i != *o) return false;
    }
    return true;
}

/// The top of the git work tree holding `dir`, or nothing.
std::optional<fs::path> work_tree(const fs::path& dir) {
    std::error_code ec;
    for (fs::path p = real_path(dir); !p.empty(); p = p.parent_path()) {
        if (fs::exists(p / ".git", ec)) return p;
        if (p == p.root_path()) break;
    }
    return std::nullopt;
}

/// A folder OUT must keep clear of, and what to call it.
struct Keep {
    fs::path real;
    std::string what;
};

std::vector<Keep> folders_to_keep(const ProtectedFolders& protect) {
    std::vector<Keep> keep;
    for (const auto& site : protect.sites) {
        keep.push_back({real_path(site), "the site folder " + site.string()});
    }
    if (!protect.themes.empty()) {
        keep.push_back({real_path(protect.themes), "the themes folder " + protect.themes.string()});
    }
    if (auto top = work_tree(protect.working_dir)) {
        std::error_code ec;
        for (const char* name : {"sites", "themes", "generator"}) {
            if (fs::is_directory(*top / name, ec)) {
                keep.push_back({*top / name, "the folder " + (*top / name).string() +
                                                 " of the git work tree " + top->string()});
            }
        }
    }
    return keep;
}

/// Every file and folder under `root` (links not followed), relative.
struct Listing {
    std::vector<std::string> files;  // anything that is not a folder
    std::string problem;             // why it could not be read whole
};

Listing list_tree(const fs::path& root) {
    Listing listing;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code type_ec;
        const fs::file_status status = it->symlink_status(type_ec);
        if (!fs::is_directory(status)) {
            listing.files.push_back(it->path().lexically_relative(root).generic_string());
        }
    }
    if (ec) listing.problem = "cannot read " + root.string() + ": " + ec.message();
    return listing;
}

/// The files of `listing` that are not in the record. Folders are not
/// files: one that holds none of the user's files is no loss to replace.
std::vector<std::string> not_recorded(const Listing& listing,
                                      const std::unordered_set<std::string>* owned) {
    std::vector<std::string> unknown;
    for (const auto& file : listing.files) {
        if (!owned || !owned->count(file)) unknown.push_back(file);
    }
    std::sort(unknown.begin(), unknown.end());
    return unknown;
}

std::string name_files(const fs::path& shown_dir, const std::vector<std::string>& files) {
    std::ostringstream text;
    for (size_t i = 0; i < files.size() && i < kFilesNamed; ++i) {
        text << "  " << (shown_dir / files[i]).generic_string() << "\n";
    }
    if (files.size() > kFilesNamed) text << "  … and " << files.size() - kFilesNamed << " more\n";
    return text.str();
}

}  // namespace

fs::path spare_folder(const fs::path& out) {
    const fs::path target = normal_absolute(out);
    return target.parent_path() / ("." + target.filename().string() + ".spare");
}

std::string staging_prefix(const fs::path& out) {
    return "." + normal_absolute(out).filename().string() + ".staging-";
}

std::optional<OutputPlan> plan_output(const fs::path& out, const ProtectedFolders& protect,
                                      const std::unordered_set<std::string>* owned,
                                      std::string& error) {
    OutputPlan plan;
    plan.out = normal_absolute(out);
    const std::string shown = out.string();
    const std::string refuse = "refusing to publish into " + shown + ": ";
    const std::string how = "; choose a folder of its own with -o, for example -o public";
    const fs::path real = real_path(plan.out.parent_path()) / plan.out.filename();

    if (plan.out == plan.out.root_path() || !plan.out.has_filename()) {
        error = refuse +
                "it is the root of the file system, and lspgen replaces its output "
                "folder whole" +
                how;
        return std::nullopt;
    }
    if (!protect.home.empty()) {
        const fs::path home = real_path(protect.home);
        if (within(home, real)) {
            error = refuse +
                    (real == home ? "it is your home folder " : "it holds your home folder ") +
                    home.string() + ", and lspgen replaces its output folder whole" + how;
            return std::nullopt;
        }
    }
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(plan.out, ec);
    if (fs::is_symlink(status)) {
        const fs::path target = fs::read_symlink(plan.out, ec);
        error = refuse + "it is a symbolic link (to " + target.string() +
                "), and lspgen neither writes through a link nor replaces it with a folder. "
                "Build into the folder itself (-o " +
                real_path(plan.out).string() +
                "), or into a folder of its own and point the link there yourself";
        return std::nullopt;
    }
    for (const auto& keep : folders_to_keep(protect)) {
        const char* relation = real == keep.real         ? "it is "
                               : within(real, keep.real) ? "it lies inside "
                               : within(keep.real, real) ? "it holds "
                                                         : nullptr;
        if (!relation) continue;
        error = refuse + relation + keep.what +
                ", whose files lspgen must not replace; choose a folder outside it with -o, "
                "for example -o public";
        return std::nullopt;
    }
    if (fs::exists(status) && !fs::is_directory(status)) {
        error = shown +
                " exists and is not a directory; lspgen publishes into a folder of its "
                "own: choose another with -o, or move that file away yourself";
        return std::nullopt;
    }

    if (fs::is_directory(status)) {
        Listing listing = list_tree(plan.out);
        if (!listing.problem.empty()) {
            error = listing.problem + "; nothing was written";
            return std::nullopt;
        }
        const auto unknown = not_recorded(listing, owned);
        if (!unknown.empty()) {
            std::ostringstream text;
            text << shown << " already holds " << unknown.size()
                 << (unknown.size() == 1 ? " file" : " files")
                 << (owned ? " that lspgen did not write:\n"
                           : ", and there is no record that lspgen wrote any of them (it keeps "
                             "one beside OUT, as ." +
                                 plan.out.filename().string() + ".lspgen-state):\n")
                 << name_files(out, unknown)
                 << "lspgen publishes only into a folder that is new, empty or its own earlier "
                    "output, and removes or replaces only files it wrote, so nothing was "
                    "written. Choose an empty or new folder with -o, or move those files away "
                    "yourself";
            error = text.str();
            return std::nullopt;
        }
        plan.published = std::move(listing.files);
    }

    // The spare is lspgen's only while it holds nothing but recorded files.
    const fs::path spare = spare_folder(plan.out);
    const fs::file_status spare_status = fs::symlink_status(spare, ec);
    if (fs::is_directory(spare_status) && owned) {
        Listing listing = list_tree(spare);
        plan.spare_usable = listing.problem.empty() && not_recorded(listing, owned).empty();
        if (plan.spare_usable) plan.spare_files = std::move(listing.files);
    }
    if (fs::exists(spare_status) && !plan.spare_usable) {
        plan.warnings.push_back(spare.string() +
                                " holds files that lspgen did not record writing; it is left as "
                                "it is (remove it yourself to make rebuilds faster)");
    }
    const std::string prefix = staging_prefix(plan.out);
    for (fs::directory_iterator it(plan.out.parent_path(), ec);
         !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.compare(0, prefix.size(), prefix) == 0) {
            plan.warnings.push_back(it->path().string() +
                                    " was left by a build that was stopped; lspgen does not "
                                    "delete it: remove it yourself");
        }
    }
    return plan;
}

}  // namespace lspgen
