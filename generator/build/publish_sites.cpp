// Publishing a build: every site's files staged, recorded and swapped in.
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <sstream>

#include "base/parallel.hpp"
#include "build/site_job.hpp"
#include "publish/publish.hpp"
#include "version.hpp"

namespace lspgen::pipeline {

namespace fs = std::filesystem;

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

ProtectedFolders protected_folders(const BuildOptions& options, const std::vector<SiteJob>& jobs) {
    ProtectedFolders protect;
    for (const auto& job : jobs) protect.sites.push_back(job.arg);
    protect.themes = options.themes_dir;
    std::error_code ec;
    protect.working_dir = fs::current_path(ec);
    if (const char* home = std::getenv("HOME"); home && *home) protect.home = home;
    return protect;
}

namespace {

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

}  // namespace

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

}  // namespace lspgen::pipeline
