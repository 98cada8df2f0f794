#include "build/build.hpp"

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_set>

#include "audit/audit.hpp"
#include "audit/report.hpp"
#include "base/parallel.hpp"
#include "hub/hub.hpp"
#include "links/internal_check.hpp"
#include "links/report.hpp"
#include "model/load_site.hpp"
#include "publish/incremental.hpp"
#include "publish/output_guard.hpp"
#include "publish/publish.hpp"
#include "render/render_site.hpp"
#include "theme/colour.hpp"
#include "theme/theme.hpp"
#include "version.hpp"

namespace lspgen {

namespace fs = std::filesystem;

namespace {

std::string display_name(std::string path) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
}

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

bool is_page(const std::string& path) {
    return path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0;
}

/// One site of the build: loaded, checked and rendered on its own thread.
struct SiteJob {
    std::string arg;  // as typed
    std::string display;
    fs::path folder;  // absolute
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

void load_and_render(const BuildOptions& options, SiteJob& job) {
    auto lap = Clock::now();
    Diagnostics& diagnostics = job.diagnostics;
    auto site = load_site(job.arg, job.display, diagnostics);
    if (!site) return;
    job.slug = site->slug;
    job.is_hub = site->kind == SiteKind::hub;
    auto theme = Theme::load(options.themes_dir, site->settings.theme, site->dir / "templates",
                             job.display + "/templates", diagnostics);
    if (!theme) return;
    if (!site->settings.brand_colour.empty()) {
        check_brand_contrast(site->settings.brand_colour, site->settings.brand_colour_where,
                             theme->colours(), diagnostics);
    }
    if (diagnostics.has_errors()) return;
    job.load_seconds = seconds_since(lap);
    lap = Clock::now();
    if (job.is_hub) {
        // One partnership's fault is a warning (in advice), never an error.
        hub::HubOptions hub_options;
        hub_options.today = options.today;
        hub_options.cache_dir = options.cache_dir;
        const auto partnerships = hub::gather(*site, hub_options, job.advice);
        job.rendered = hub::render_hub(*site, partnerships, *theme, options.today, diagnostics);
    } else {
        audit::add_warnings(audit::run(audit::evidence_from_site(*site, options.today)),
                            job.advice);
        job.rendered = render_site(*site, *theme, options.today, diagnostics);
    }
    job.render_seconds = seconds_since(lap);
}

/// What decides the output besides each site's own files: the lspgen
/// binary, today's date, the themes and the list of sites.
std::string build_setup(const BuildOptions& options, const std::vector<SiteJob>& jobs) {
    std::ostringstream setup;
    setup << kVersion << "\n";
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (auto stamp = incremental::stamp_file(exe, "lspgen")) {
        setup << stamp->size << " " << stamp->mtime_ns << "\n";
    }
    setup << options.today.iso() << "\n" << fs::absolute(options.themes_dir, ec).string() << "\n";
    for (const auto& s : incremental::stamp_tree(options.themes_dir)) {
        setup << s.path << " " << s.size << " " << s.mtime_ns << "\n";
    }
    for (const auto& job : jobs) setup << job.folder.string() << "\n";
    return setup.str();
}

/// Writes every changed site's files and keeps every unchanged one's, in one
/// staging tree, on every core. Sets `error` on failure.
bool stage(std::vector<SiteJob>& jobs, Staging& staging, std::string& error) {
    const bool several = jobs.size() > 1;
    struct Task {
        const SiteJob* job;
        size_t index;
        enum { write, copy, keep } kind;
    };
    std::vector<Task> tasks;
    for (const auto& job : jobs) {
        if (job.reuse) {
            for (size_t i = 0; i < job.reuse->outputs.size(); ++i) {
                tasks.push_back({&job, i, Task::keep});
            }
            continue;
        }
        for (size_t i = 0; i < job.rendered->files.size(); ++i) {
            tasks.push_back({&job, i, Task::write});
        }
        for (size_t i = 0; i < job.rendered->copies.size(); ++i) {
            tasks.push_back({&job, i, Task::copy});
        }
    }
    std::mutex error_mutex;
    std::atomic<bool> failed{false};
    parallel_for(tasks.size(), [&](size_t t) {
        if (failed) return;
        const Task& task = tasks[t];
        const std::string prefix = several ? task.job->slug + "/" : "";
        std::string problem;
        bool ok = true;
        switch (task.kind) {
            case Task::write: {
                const auto& file = task.job->rendered->files[task.index];
                ok = staging.write(prefix + file.path, file.content, problem);
                break;
            }
            case Task::copy: {
                const auto& copy = task.job->rendered->copies[task.index];
                ok = staging.copy(copy.source, prefix + copy.path, problem);
                break;
            }
            case Task::keep:
                ok = staging.link_previous(task.job->reuse->outputs[task.index].path, problem);
                break;
        }
        if (!ok) {
            const std::lock_guard<std::mutex> lock(error_mutex);
            if (!failed.exchange(true)) error = problem;
        }
    });
    return !failed;
}

/// What this build published, for the next one to compare with: the files
/// as they are in `staged`, the tree that becomes OUT.
incremental::State record_state(const std::vector<SiteJob>& jobs, std::string setup,
                                const fs::path& staged) {
    incremental::State state;
    state.setup = std::move(setup);
    const bool several = jobs.size() > 1;
    for (const auto& job : jobs) {
        if (job.reuse) {
            state.sites.push_back(*job.reuse);
            continue;
        }
        if (job.is_hub) continue;  // a hub depends on other sites and the network
        incremental::SiteRecord record;
        record.folder = job.folder.string();
        record.slug = job.slug;
        record.printed = job.printed;
        record.inputs = job.inputs;
        const std::string prefix = several ? job.slug + "/" : "";
        std::vector<std::string> paths;
        for (const auto& file : job.rendered->files) {
            paths.push_back(prefix + file.path);
            record.pages += is_page(file.path) ? 1 : 0;
        }
        for (const auto& copy : job.rendered->copies) paths.push_back(prefix + copy.path);
        record.outputs.resize(paths.size());
        std::atomic<bool> missing{false};
        parallel_for(paths.size(), [&](size_t i) {
            auto stamp = incremental::stamp_file(staged / paths[i], paths[i]);
            if (stamp) {
                record.outputs[i] = std::move(*stamp);
            } else {
                missing = true;
            }
        });
        if (!missing) state.sites.push_back(std::move(record));
    }
    return state;
}

ProtectedFolders protected_folders(const BuildOptions& options, const std::vector<SiteJob>& jobs) {
    ProtectedFolders protect;
    for (const auto& job : jobs) protect.sites.push_back(job.arg);
    protect.themes = options.themes_dir;
    std::error_code ec;
    protect.working_dir = fs::current_path(ec);
    if (const char* home = std::getenv("HOME"); home && *home) protect.home = home;
    return protect;
}

/// Stages the new output, records every file lspgen will then have in OUT
/// and its spare (before the swap: a build stopped at any point leaves no
/// file of its own unrecorded), and swaps it in.
bool publish_all(std::vector<SiteJob>& jobs, const OutputPlan& plan, const std::string& setup,
                 size_t& written, size_t& kept, bool& committing, std::string& error) {
    // First the record of every file that may be in OUT, the spare or the
    // staging tree from now on, so that no later build takes one of them for
    // a file of the user's (and none of the user's for one of lspgen's).
    std::set<std::string> owned(plan.published.begin(), plan.published.end());
    owned.insert(plan.spare_files.begin(), plan.spare_files.end());
    const bool several = jobs.size() > 1;
    for (const auto& job : jobs) {
        const std::string prefix = several ? job.slug + "/" : "";
        if (job.reuse) {
            for (const auto& stamp : job.reuse->outputs) owned.insert(stamp.path);
            continue;
        }
        for (const auto& file : job.rendered->files) owned.insert(prefix + file.path);
        for (const auto& copy : job.rendered->copies) owned.insert(prefix + copy.path);
    }
    std::error_code ec;
    fs::create_directories(plan.out.parent_path(), ec);
    if (ec) {
        error = "cannot create " + plan.out.parent_path().string() + ": " + ec.message();
        return false;
    }
    incremental::State intent;
    intent.owned.assign(owned.begin(), owned.end());
    if (!incremental::write_state(plan.out, intent, error)) return false;

    auto staging = Staging::create(plan.out, error, {plan.spare_usable, nullptr});
    if (!staging || !stage(jobs, *staging, error)) return false;
    failpoint("staged");
    staging->finish();
    // Now the spare's other files are gone: what OUT and the spare will hold.
    incremental::State state = record_state(jobs, setup, staging->dir());
    owned.clear();
    owned.insert(plan.published.begin(), plan.published.end());
    owned.insert(staging->files().begin(), staging->files().end());
    state.owned.assign(owned.begin(), owned.end());
    if (!incremental::write_state(plan.out, state, error)) return false;
    failpoint("recorded");
    committing = true;
    if (!staging->commit(error)) return false;
    failpoint("committed");
    written = staging->written();
    kept = staging->kept();
    return true;
}

/// publish_all, and on a failure before the swap the record as it was: the
/// staging tree is gone (a spare staged in with it) and OUT is as it was. A
/// swap that failed half way (file by file) may have put new files in OUT:
/// then the new record, which names them, stays.
bool publish(std::vector<SiteJob>& jobs, const OutputPlan& plan, const std::string& setup,
             size_t& written, size_t& kept, std::string& error) {
    const auto saved = incremental::save_state(plan.out);
    bool committing = false;
    if (publish_all(jobs, plan, setup, written, kept, committing, error)) return true;
    if (!committing) incremental::restore_state(plan.out, saved);
    return false;
}

}  // namespace

int build(const BuildOptions& options, std::ostream& out, std::ostream& err) {
    const auto started = Clock::now();
    std::vector<SiteJob> jobs(options.sites.size());
    for (size_t i = 0; i < jobs.size(); ++i) {
        jobs[i].arg = options.sites[i];
        jobs[i].display = display_name(options.sites[i]);
        std::error_code ec;
        jobs[i].folder = fs::absolute(options.sites[i], ec).lexically_normal();
        if (!jobs[i].folder.has_filename()) jobs[i].folder = jobs[i].folder.parent_path();
    }

    // Before anything else: may OUT be published into? lspgen replaces or
    // removes only files that it recorded writing there.
    auto lap = Clock::now();
    const auto previous = incremental::read_state(options.out);
    std::string error;
    std::unordered_set<std::string> owned;
    if (previous) owned.insert(previous->owned.begin(), previous->owned.end());
    const auto plan = plan_output(options.out, protected_folders(options, jobs),
                                  previous ? &owned : nullptr, error);
    if (!plan) {
        err << "lspgen: error: " << error << "\n";
        return kExitBadInput;
    }
    if (!options.quiet) {
        for (const auto& warning : plan->warnings) err << "lspgen: warning: " << warning << "\n";
    }

    // A site that has not changed since the last build into OUT, whose
    // published files are as that build left them, is not built again.
    const std::string setup = build_setup(options, jobs);
    parallel_for(jobs.size(), [&](size_t i) {
        SiteJob& job = jobs[i];
        job.inputs = incremental::stamp_tree(job.folder, options.out);
        if (!previous || options.force || previous->setup != setup) return;
        for (const auto& record : previous->sites) {
            if (record.folder == job.folder.string() && record.inputs == job.inputs &&
                incremental::outputs_intact(options.out, record)) {
                job.reuse = &record;
                job.slug = record.slug;
            }
        }
    });
    const double compare_seconds = seconds_since(lap);

    // Load, validate and render every other site, on every core, before
    // writing anything.
    std::vector<SiteJob*> to_build;
    for (auto& job : jobs) {
        if (!job.reuse) to_build.push_back(&job);
    }
    parallel_for(to_build.size(), [&](size_t i) { load_and_render(options, *to_build[i]); });

    // Each site's diagnostics, in the order the sites were given.
    Diagnostics clashes;
    std::map<std::string, std::string> slugs;
    double load_seconds = 0, render_seconds = 0;
    int errors = 0;
    for (auto& job : jobs) {
        load_seconds += job.load_seconds;
        render_seconds += job.render_seconds;
        if (job.reuse) {
            job.printed = job.reuse->printed;
        } else {
            std::ostringstream diagnostics, advice;
            job.diagnostics.print(diagnostics);
            job.advice.print(advice);
            job.printed.diagnostics = diagnostics.str();
            job.printed.advice = advice.str();
        }
        err << job.printed.diagnostics;
        errors += job.diagnostics.error_count();
        if (job.slug.empty()) continue;
        if (auto [it, fresh] = slugs.emplace(job.slug, job.display); !fresh) {
            clashes.error({job.display, 0, 0}, "two sites have the folder name '" + job.slug +
                                                   "' (" + it->second + " and " + job.display +
                                                   "); each site needs its own output folder");
        }
    }
    clashes.print(err);
    errors += clashes.error_count();
    // Good-practice advice and hub warnings: printed unless quiet, never errors.
    if (!options.quiet) {
        for (const auto& job : jobs) err << job.printed.advice;
    }
    if (errors > 0) {
        err << errors << (errors == 1 ? " error" : " errors") << "; nothing was written to "
            << options.out << "\n";
        return kExitBadInput;
    }

    // Every internal link and fragment of every page, before anything is
    // published: a broken link fails the build like bad data does.
    lap = Clock::now();
    size_t broken = 0;
    for (auto& job : jobs) {
        if (job.reuse) {
            err << job.printed.links;
            continue;
        }
        const RenderedSite& site = *job.rendered;
        links::MemoryTree tree;
        for (const auto& file : site.files) tree.add_file(file.path, &file.content);
        for (const auto& copy : site.copies) tree.add_file(copy.path, nullptr);
        const links::CheckResult result = links::check_internal(tree, site.origins);
        if (result.findings.empty()) continue;
        std::string name = options.out;
        if (!name.empty() && name.back() != '/') name += '/';
        if (jobs.size() > 1) name += job.slug + "/";
        std::ostringstream report;
        links::write_report(result, links::ReportFormat::human, name, report);
        job.printed.links = report.str();
        err << job.printed.links;
        for (const auto& f : result.findings) {
            broken += f.severity == links::Finding::Severity::error ? 1 : 0;
        }
    }
    const double check_seconds = seconds_since(lap);
    if (broken > 0) {
        err << broken << (broken == 1 ? " broken link" : " broken links")
            << "; nothing was written to " << options.out << "\n";
        return kExitBadInput;
    }

    // Publish: everything into one staging tree, then one swap. With nothing
    // changed, there is nothing to write.
    lap = Clock::now();
    size_t written = 0, kept = 0;
    if (!to_build.empty()) {
        if (!publish(jobs, *plan, setup, written, kept, error)) {
            err << "lspgen: error: " << error << "\nthe previous contents of " << options.out
                << " are unchanged\n";
            return kExitEnvironment;
        }
    }
    const double publish_seconds = seconds_since(lap);

    if (!options.quiet) {
        size_t pages = 0;
        for (const auto& job : jobs) {
            if (job.reuse) {
                pages += job.reuse->pages;
            } else {
                for (const auto& file : job.rendered->files) pages += is_page(file.path) ? 1 : 0;
            }
        }
        out << (to_build.empty() ? "unchanged: " : "built ") << jobs.size()
            << (jobs.size() == 1 ? " site, " : " sites, ") << pages << " pages "
            << (to_build.empty() ? "already in " : "into ") << options.out << " in " << std::fixed
            << std::setprecision(2) << seconds_since(started) << " s\n";
        if (options.verbose) {
            out << "  compare with the last build " << compare_seconds << " s ("
                << jobs.size() - to_build.size() << " of " << jobs.size()
                << " sites unchanged), load and validate " << load_seconds << " s, render "
                << render_seconds << " s, check links " << check_seconds << " s, publish "
                << publish_seconds << " s (" << written << " files written, " << kept
                << " unchanged kept)\n";
        }
    }
    return kExitOk;
}

}  // namespace lspgen
