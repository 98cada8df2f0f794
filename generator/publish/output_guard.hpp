#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

/// What lspgen may touch: before a build writes anything, the output folder
/// (OUT) is inspected, and refused unless every file in it is one that an
/// earlier lspgen build recorded writing there. lspgen removes or replaces
/// only such files, never anything else.
namespace lspgen {

/// Folders an output folder must keep clear of.
struct ProtectedFolders {
    /// The site folders being built, and the themes folder in use.
    std::vector<std::filesystem::path> sites;
    std::filesystem::path themes;
    /// Where lspgen runs: the git work tree around it (if any) keeps its
    /// sites/, themes/ and generator/ folders safe too.
    std::filesystem::path working_dir;
    /// $HOME, when set: neither it nor a folder holding it may be OUT.
    std::filesystem::path home;
};

/// What the inspection found: OUT may be published into.
struct OutputPlan {
    /// OUT, absolute, without a trailing slash.
    std::filesystem::path out;
    /// Every file now in OUT, relative, with forward slashes: each one
    /// recorded as written by an earlier build.
    std::vector<std::string> published;
    /// The spare beside OUT (the output the last build replaced) holds only
    /// files lspgen recorded; a next build may be staged in it.
    bool spare_usable = false;
    /// The files in it, when it is usable.
    std::vector<std::string> spare_files;
    /// Things left alone that the user should know of (a spare holding
    /// other files, a staging folder left by a build that was stopped).
    std::vector<std::string> warnings;
};

/// Decides whether a build may publish into `out`. `owned` is the record of
/// files earlier builds wrote into OUT and its spare (nullptr: no record).
/// OUT is accepted when it is absent, empty, or holds no file but recorded
/// ones (folders are not files: they may hold recorded files or none), and when it is none of `/`,
/// $HOME, a folder holding either, a symbolic link, or a folder that is, holds or lies inside a
/// protected folder. Otherwise gives nullopt and sets `error` to the whole message: what is in the
/// way and how to go on.
std::optional<OutputPlan> plan_output(const std::filesystem::path& out,
                                      const ProtectedFolders& protect,
                                      const std::unordered_set<std::string>* owned,
                                      std::string& error);

/// The spare folder and the staging folders' prefix beside OUT.
std::filesystem::path spare_folder(const std::filesystem::path& out);
std::string staging_prefix(const std::filesystem::path& out);

}  // namespace lspgen
