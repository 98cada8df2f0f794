#pragma once

// What the build's steps share: one site's job, and publishing them all.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "build/build.hpp"
#include "publish/incremental.hpp"
#include "publish/output_guard.hpp"
#include "render/render_site.hpp"

namespace lspgen::pipeline {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

inline bool is_page(const std::string& path) {
    return path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0;
}

/// One site of the build: loaded, checked and rendered on its own thread.
struct SiteJob {
    std::string arg;  // as typed
    std::string display;
    std::filesystem::path folder;  // absolute
    std::vector<incremental::Stamp> inputs;
    /// The last build's record, when the site is unchanged and its published
    /// files are as that build left them: they are published again as they are.
    const incremental::SiteRecord* reuse = nullptr;
    Diagnostics diagnostics;
    Diagnostics advice;
    std::string slug;
    bool is_hub = false;
    std::optional<RenderedSite> rendered;
    /// What the build printed about the site, kept for the next build to
    /// print again if the site is unchanged then: a warning shows until it
    /// is fixed. See incremental::Printed.
    incremental::Printed printed;
    double load_seconds = 0;
    double render_seconds = 0;
};

/// What decides the output besides each site's own files: the lspgen
/// binary, today's date, the themes and the list of sites.
std::string build_setup(const BuildOptions& options, const std::vector<SiteJob>& jobs);

/// The folders a build must never publish into or over.
ProtectedFolders protected_folders(const BuildOptions& options, const std::vector<SiteJob>& jobs);

/// Stages every site's files (an unchanged site's as they are), records every
/// file lspgen will then have in OUT, and swaps the new output in. On a
/// failure before the swap the record is put back as it was and OUT is
/// untouched; `error` says why.
bool publish(std::vector<SiteJob>& jobs, const OutputPlan& plan, const std::string& setup,
             size_t& written, size_t& kept, std::string& error);

}  // namespace lspgen::pipeline
