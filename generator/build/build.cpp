#include "build/build.hpp"

#include <iomanip>
#include <map>
#include <sstream>
#include <unordered_set>

#include "audit/audit.hpp"
#include "audit/report.hpp"
#include "base/parallel.hpp"
#include "build/site_job.hpp"
#include "hub/hub.hpp"
#include "links/internal_check.hpp"
#include "links/report.hpp"
#include "model/load_site.hpp"
#include "theme/colour.hpp"
#include "theme/theme.hpp"

namespace lspgen {

namespace fs = std::filesystem;
using namespace pipeline;

namespace {

std::string display_name(std::string path) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
}

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
        hub_options.out_dir = options.out;
        const auto partnerships = hub::gather(*site, hub_options, job.advice);
        job.rendered = hub::render_hub(*site, partnerships, *theme, options.today, diagnostics);
    } else {
        const audit::Report report = audit::run(audit::evidence_from_site(*site, options.today));
        audit::add_warnings(report, job.advice);
        // data.json publishes the audit, so that a hub can score every item.
        std::vector<render::AuditFinding> findings;
        for (const auto& item : report.items) {
            findings.push_back({item.id, item.title, audit::outcome_name(item.outcome), item.why});
        }
        job.rendered = render_site(*site, *theme, options.today, diagnostics, findings);
    }
    job.render_seconds = seconds_since(lap);
}

/// One run of `lspgen build`, step by step: build() below reads as its
/// checklist. Each step is timed for --verbose.
class BuildRun {
  public:
    BuildRun(const BuildOptions& options, std::ostream& out, std::ostream& err);

    /// May OUT be published into? lspgen replaces or removes only files
    /// that it recorded writing there.
    bool plan_output();
    /// A site unchanged since the last build into OUT, whose published files
    /// are as that build left them, is not built again.
    void find_unchanged();
    /// Loads, validates and renders every other site, on every core,
    /// before anything is written.
    void load_and_render();
    /// Each site's diagnostics and advice, in the order the sites were
    /// given; false when any is an error.
    bool report_problems();
    /// Every internal link and fragment of every page, before anything is
    /// published: false when one is broken.
    bool check_links();
    /// Everything into one staging tree, then one swap; false when the disk
    /// refused (the previous output is untouched).
    bool publish();
    /// The report in a machine format (--format), then the summary line.
    void finish(Outcome outcome);

  private:
    /// Where a human report goes: stderr; a machine report takes stdout.
    bool human() const { return options_.format == report::Format::human; }
    void problem(const std::string& message);

    const BuildOptions& options_;
    std::ostream& out_;
    std::ostream& err_;
    Clock::time_point started_ = Clock::now();
    std::vector<SiteJob> jobs_;
    std::vector<SiteJob*> to_build_;
    std::optional<incremental::State> previous_;
    std::optional<OutputPlan> plan_;
    std::string setup_;
    /// Every problem, for a machine report (kept only with --format).
    std::vector<Diagnostic> problems_;
    double compare_seconds_ = 0, check_seconds_ = 0, publish_seconds_ = 0;
    size_t written_ = 0, kept_ = 0;
};

BuildRun::BuildRun(const BuildOptions& options, std::ostream& out, std::ostream& err)
    : options_(options), out_(out), err_(err), jobs_(options.sites.size()) {
    for (size_t i = 0; i < jobs_.size(); ++i) {
        jobs_[i].arg = options.sites[i];
        jobs_[i].display = display_name(options.sites[i]);
        std::error_code ec;
        jobs_[i].folder = fs::absolute(options.sites[i], ec).lexically_normal();
        if (!jobs_[i].folder.has_filename()) jobs_[i].folder = jobs_[i].folder.parent_path();
    }
}

void BuildRun::problem(const std::string& message) {
    err_ << "lspgen: error: " << message << "\n";
    Diagnostic d;
    d.where.path = options_.out;
    d.message = message;
    problems_.push_back(std::move(d));
}

bool BuildRun::plan_output() {
    previous_ = incremental::read_state(options_.out);
    std::string error;
    std::unordered_set<std::string> owned;
    if (previous_) owned.insert(previous_->owned.begin(), previous_->owned.end());
    plan_ = lspgen::plan_output(options_.out, protected_folders(options_, jobs_),
                                previous_ ? &owned : nullptr, error);
    if (!plan_) {
        problem(error);
        return false;
    }
    if (!options_.quiet) {
        for (const auto& warning : plan_->warnings) err_ << "lspgen: warning: " << warning << "\n";
    }
    return true;
}

void BuildRun::find_unchanged() {
    const auto lap = Clock::now();
    setup_ = build_setup(options_, jobs_);
    // A machine report needs every site's problems afresh, not the text the
    // last build printed: every site is built.
    const bool reuse = previous_ && !options_.force && previous_->setup == setup_ && human();
    parallel_for(jobs_.size(), [&](size_t i) {
        SiteJob& job = jobs_[i];
        job.inputs = incremental::stamp_tree(job.folder, options_.out);
        if (!reuse) return;
        for (const auto& record : previous_->sites) {
            if (record.folder == job.folder.string() && record.inputs == job.inputs &&
                incremental::outputs_intact(options_.out, record)) {
                job.reuse = &record;
                job.slug = record.slug;
            }
        }
    });
    for (auto& job : jobs_) {
        if (!job.reuse) to_build_.push_back(&job);
    }
    compare_seconds_ = seconds_since(lap);
}

void BuildRun::load_and_render() {
    parallel_for(to_build_.size(),
                 [&](size_t i) { lspgen::load_and_render(options_, *to_build_[i]); });
}

bool BuildRun::report_problems() {
    Diagnostics clashes;
    std::map<std::string, std::string> slugs;
    int errors = 0;
    for (auto& job : jobs_) {
        if (job.reuse) {
            job.printed = job.reuse->printed;
        } else {
            std::ostringstream diagnostics, advice;
            job.diagnostics.print(diagnostics);
            job.advice.print(advice);
            job.printed.diagnostics = diagnostics.str();
            job.printed.advice = advice.str();
            for (const Diagnostics* d : {&job.diagnostics, &job.advice}) {
                if (!human()) problems_.insert(problems_.end(), d->all().begin(), d->all().end());
            }
        }
        if (human()) err_ << job.printed.diagnostics;
        errors += job.diagnostics.error_count();
        if (job.slug.empty()) continue;
        if (auto [it, fresh] = slugs.emplace(job.slug, job.display); !fresh) {
            clashes.error({job.display, 0, 0}, "two sites have the folder name '" + job.slug +
                                                   "' (" + it->second + " and " + job.display +
                                                   "); each site needs its own output folder");
        }
    }
    if (human()) clashes.print(err_);
    if (!human()) problems_.insert(problems_.end(), clashes.all().begin(), clashes.all().end());
    errors += clashes.error_count();
    // Good-practice advice and hub warnings: printed unless quiet, never errors.
    if (!options_.quiet && human()) {
        for (const auto& job : jobs_) err_ << job.printed.advice;
    }
    if (errors > 0) {
        err_ << errors << (errors == 1 ? " error" : " errors") << "; nothing was written to "
             << options_.out << "\n";
        return false;
    }
    return true;
}

bool BuildRun::check_links() {
    const auto lap = Clock::now();
    size_t broken = 0;
    for (auto& job : jobs_) {
        if (job.reuse) {
            err_ << job.printed.links;
            continue;
        }
        const RenderedSite& site = *job.rendered;
        links::MemoryTree tree;
        for (const auto& file : site.files) tree.add_file(file.path, &file.content);
        for (const auto& copy : site.copies) tree.add_file(copy.path, nullptr);
        const links::CheckResult result = links::check_internal(tree, site.origins);
        if (result.findings.empty()) continue;
        std::string name = options_.out;
        if (!name.empty() && name.back() != '/') name += '/';
        if (jobs_.size() > 1) name += job.slug + "/";
        std::ostringstream report;
        links::write_report(result, report::Format::human, name, report);
        job.printed.links = report.str();
        if (human()) err_ << job.printed.links;
        for (const auto& f : result.findings) {
            broken += f.severity == Severity::error ? 1 : 0;
            if (human()) continue;
            problems_.push_back(f);
            problems_.back().where.path = name + f.where.path;
        }
    }
    check_seconds_ = seconds_since(lap);
    if (broken > 0) {
        err_ << broken << (broken == 1 ? " broken link" : " broken links")
             << "; nothing was written to " << options_.out << "\n";
        return false;
    }
    return true;
}

bool BuildRun::publish() {
    const auto lap = Clock::now();
    std::string error;
    // With nothing changed, there is nothing to write.
    if (!to_build_.empty() && !pipeline::publish(jobs_, *plan_, setup_, written_, kept_, error)) {
        problem(error);
        err_ << "the previous contents of " << options_.out << " are unchanged\n";
        return false;
    }
    publish_seconds_ = seconds_since(lap);
    return true;
}

void BuildRun::finish(Outcome outcome) {
    if (!human()) {
        const report::Kind kind{.suite = "lspgen build",
                                .problem = "error",
                                .title = "lspgen build",
                                .unit = "file",
                                .classname = "build",
                                .units = 0,
                                .totals = {}};
        report::write(problems_, kind, options_.format, "", out_);
    }
    if (outcome != Outcome::ok || options_.quiet) return;
    size_t pages = 0;
    double load_seconds = 0, render_seconds = 0;
    for (const auto& job : jobs_) {
        load_seconds += job.load_seconds;
        render_seconds += job.render_seconds;
        if (job.reuse) {
            pages += job.reuse->pages;
        } else {
            for (const auto& file : job.rendered->files) pages += is_page(file.path) ? 1 : 0;
        }
    }
    // With a machine report on stdout, the summary goes to stderr.
    std::ostream& out = human() ? out_ : err_;
    out << (to_build_.empty() ? "unchanged: " : "built ") << jobs_.size()
        << (jobs_.size() == 1 ? " site, " : " sites, ") << pages << " pages "
        << (to_build_.empty() ? "already in " : "into ") << options_.out << " in " << std::fixed
        << std::setprecision(2) << seconds_since(started_) << " s\n";
    if (options_.verbose) {
        out << "  compare with the last build " << compare_seconds_ << " s ("
            << jobs_.size() - to_build_.size() << " of " << jobs_.size()
            << " sites unchanged), load and validate " << load_seconds << " s, render "
            << render_seconds << " s, check links " << check_seconds_ << " s, publish "
            << publish_seconds_ << " s (" << written_ << " files written, " << kept_
            << " unchanged kept)\n";
    }
}

}  // namespace

Outcome build(const BuildOptions& options, std::ostream& out, std::ostream& err) {
    BuildRun run(options, out, err);
    const Outcome outcome = [&] {
        if (!run.plan_output()) return Outcome::bad_input;
        run.find_unchanged();
        run.load_and_render();
        if (!run.report_problems()) return Outcome::bad_input;
        if (!run.check_links()) return Outcome::bad_input;
        if (!run.publish()) return Outcome::environment;
        return Outcome::ok;
    }();
    run.finish(outcome);
    return outcome;
}

}  // namespace lspgen
