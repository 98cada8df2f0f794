// The CI templates (scripts/ci/github-workflow.yml, scripts/ci/gitlab-ci.yml)
// and the one script their shell steps call (scripts/ci/publish-check.sh):
// each template is read with lspgen's own YAML loader, and the command it
// runs is run here, as the CI would run it, on the example sites in sites/
// and with the real binary; then the script alone on trees with a broken
// link, where it must fail.
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <initializer_list>
#include <string>

#include "base/diagnostics.hpp"
#include "child_process.hpp"
#include "load/yaml_loader.hpp"
#include "support.hpp"

using namespace lspgen;
using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

const fs::path kScript = source_dir() / "scripts" / "ci" / "publish-check.sh";

// The template parsed; a YAML error fails the test with its diagnostic.
load::RawNode read_template(const std::string& name) {
    const fs::path file = source_dir() / "scripts" / "ci" / name;
    const std::string text = read_file(file);
    Diagnostics diagnostics;
    diagnostics.add_source(file.string(), text);
    auto node = load::parse_yaml(text, file.string(), diagnostics);
    std::ostringstream printed;
    diagnostics.print(printed);
    INFO(printed.str());
    REQUIRE(node);
    REQUIRE_FALSE(diagnostics.has_errors());
    REQUIRE(node->is_mapping());
    return *node;
}

// The node at `keys` under `node`; fails the test when one is missing.
const load::RawNode& at(const load::RawNode& node, std::initializer_list<std::string> keys) {
    const load::RawNode* here = &node;
    for (const auto& key : keys) {
        INFO("key " << key);
        REQUIRE(here->is_mapping());
        here = here->find(key);
        REQUIRE(here != nullptr);
    }
    return *here;
}

// The first item of a list of scalars (GitLab's script) or of mappings
// with a `run` (GitHub's steps) that contains `text`.
std::string command_with(const load::RawNode& list, const std::string& text) {
    REQUIRE(list.is_sequence());
    for (const auto& item : list.items) {
        const load::RawNode* command = item.is_mapping() ? item.find("run") : &item;
        if (command && command->is_scalar() && command->scalar.find(text) != std::string::npos)
            return command->scalar;
    }
    FAIL("no command with " << text);
    return {};
}

// `VAR=value` for each variable the template sets (its `env` or
// `variables`), for `env`.
std::vector<std::string> variables(const load::RawNode& mapping) {
    std::vector<std::string> set;
    REQUIRE(mapping.is_mapping());
    for (const auto& [key, value] : mapping.entries) set.push_back(key.scalar + "=" + value.scalar);
    return set;
}

// A folder laid out as a CI checkout of this repository: its scripts and
// sites (links to the real ones); what the run writes stays in it.
void make_checkout(const fs::path& dir) {
    fs::create_directories(dir);
    fs::create_directory_symlink(source_dir() / "scripts", dir / "scripts");
    fs::create_directory_symlink(source_dir() / "sites", dir / "sites");
}

// Runs `command` with bash in `cwd`, as CI runs a step: with `set`, and
// without the variables of a CI this test may itself be running in.
ChildRun run_step(const std::string& command, const fs::path& cwd,
                  const std::vector<std::string>& set) {
    ChildLimits limits;
    limits.seconds = 600;  // four sites, with the sanitizers, on a busy machine
    std::vector<std::string> argv = {"env",
                                     "-u",
                                     "GITHUB_ACTIONS",
                                     "-u",
                                     "GITHUB_STEP_SUMMARY",
                                     "-u",
                                     "GITLAB_CI",
                                     std::string("LSPGEN=") + LSPGEN_BINARY};
    argv = joined(argv, set);
    argv = joined(argv, {"bash", "-euo", "pipefail", "-c", command});
    ChildRun run = run_child(argv, cwd, limits);
    return run;
}

size_t site_count() {
    size_t n = 0;
    for (const auto& entry : fs::directory_iterator(source_dir() / "sites"))
        n += fs::exists(entry.path() / "site.yaml") ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("ci: the GitHub workflow's step builds the example sites and writes the job summary") {
    const load::RawNode workflow = read_template("github-workflow.yml");
    const load::RawNode& steps = at(workflow, {"jobs", "sites", "steps"});
    CHECK(command_with(steps, "bash scripts/ci/publish-check.sh install") ==
          "bash scripts/ci/publish-check.sh install");
    const std::string command = command_with(steps, "publish-check.sh --out public");
    bool uploads = false;
    for (const auto& step : steps.items) {
        const load::RawNode* uses = step.find("uses");
        if (uses && uses->scalar.rfind("actions/upload-artifact@", 0) == 0)
            uploads = at(step, {"with", "path"}).scalar == "public/";
    }
    CHECK(uploads);

    TempDir tmp;
    make_checkout(tmp / "checkout");
    write_file(tmp / "summary.md", "# An earlier step's summary\n");
    auto set = variables(at(workflow, {"env"}));
    set.push_back("GITHUB_ACTIONS=true");
    set.push_back("GITHUB_STEP_SUMMARY=" + (tmp / "summary.md").string());
    const ChildRun run = run_step(command, tmp / "checkout", set);
    INFO(run.summary() << "\n" << run.out << run.err);
    CHECK(run.exit_code == 0);
    CHECK(fs::exists(tmp / "checkout" / "public" / "spelthorne" / "index.html"));
    const std::string summary = read_file(tmp / "summary.md");
    CHECK_THAT(summary, Catch::StartsWith("# An earlier step's summary\n\n## lspgen links\n\n"));
    CHECK_THAT(summary, Catch::Contains("| errors | 0 |\n| warnings | 0 |\n\nNo broken links.\n"));
    CHECK(run.out.find("::error") == std::string::npos);
}

TEST_CASE("ci: the GitLab job's command builds the example sites and writes the JUnit report") {
    const load::RawNode pipeline = read_template("gitlab-ci.yml");
    CHECK(at(pipeline, {"sites", "artifacts", "reports", "junit"}).scalar == "lspgen-links.xml");
    CHECK(at(pipeline, {"pages", "artifacts", "paths"}).items.at(0).scalar == "public/");
    const load::RawNode& script = at(pipeline, {"sites", "script"});
    CHECK(command_with(script, "install") == "bash scripts/ci/publish-check.sh install");
    const std::string command = command_with(script, "--junit lspgen-links.xml");

    TempDir tmp;
    make_checkout(tmp / "checkout");
    const ChildRun run =
        run_step(command, tmp / "checkout", variables(at(pipeline, {"variables"})));
    INFO(run.summary() << "\n" << run.out << run.err);
    CHECK(run.exit_code == 0);
    pugi::xml_document junit;
    REQUIRE(junit.load_file((tmp / "checkout" / "lspgen-links.xml").c_str()));
    const auto suite = junit.child("testsuites").child("testsuite");
    CHECK(std::string(suite.attribute("name").value()) == "lspgen links");
    CHECK(suite.attribute("failures").as_int() == 0);
    CHECK(suite.attribute("tests").as_int() > 0);
    CHECK_THAT(read_file(tmp / "checkout" / "lspgen-summary.md"),
               Catch::Contains("No broken links."));
    CHECK(fs::is_directory(tmp / "checkout" / "public" / "spelthorne"));
    CHECK(site_count() >= 4);
}

TEST_CASE("ci: the script fails on a site with a broken link and says where in the data") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    write_file(tmp / "site" / "pages" / "about.md",
               "---\ntitle: About\n---\nIntro.\n\nSee [our chair](/members/alex-exampel/).\n");
    const ChildRun run =
        run_step("bash " + kScript.string() +
                     " --out public --now 2009-03-01 --annotate --junit links.xml site",
                 tmp.path(), {"GITHUB_STEP_SUMMARY=" + (tmp / "summary.md").string()});
    INFO(run.summary() << "\n" << run.out << run.err);
    CHECK(run.exit_code == 1);
    CHECK_FALSE(fs::exists(tmp / "public"));
    CHECK_THAT(run.err, Catch::Contains("the build failed; nothing was published to public"));
    // The annotation points at the Markdown line; so does the summary.
    CHECK_THAT(run.out, Catch::Contains("::error file=site/pages/about.md,line=6,col=5,"));
    const std::string summary = read_file(tmp / "summary.md");
    CHECK_THAT(summary, Catch::Contains("## lspgen build"));
    CHECK_THAT(summary, Catch::Contains("| errors | 1 |"));
    CHECK_THAT(summary, Catch::Contains("| 53:16 | error | ../members/alex-exampel/index.html"));
    CHECK_THAT(summary, Catch::Contains("site/pages/about.md\\:6\\:5 |"));
    pugi::xml_document junit;
    REQUIRE(junit.load_file((tmp / "links.xml").c_str()));
    CHECK(junit.child("testsuites").child("testsuite").attribute("failures").as_int() == 1);
}

TEST_CASE("ci: the script checks a built tree alone, and fails on a broken link in it") {
    TempDir tmp;
    write_file(tmp / "public" / "index.html",
               "<title>x</title><a href=\"missing|page.html\">x</a>\n");
    const ChildRun run =
        run_step("bash " + kScript.string() + " --no-build --out public", tmp.path(),
                 {"GITHUB_STEP_SUMMARY=" + (tmp / "summary.md").string()});
    INFO(run.summary() << "\n" << run.out << run.err);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Catch::Contains("'missing|page.html': no such file"));
    const std::string summary = read_file(tmp / "summary.md");
    CHECK_THAT(summary, Catch::Contains("| pages | 1 |\n| links | 1 |\n| errors | 1 |"));
    CHECK_THAT(summary, Catch::Contains("| 1:25 | error | missing\\|page.html |"));

    // Usage errors: no site, an unknown option; exit 2, nothing run.
    CHECK(run_step("bash " + kScript.string(), tmp.path(), {}).exit_code == 2);
    CHECK(run_step("bash " + kScript.string() + " --colour site", tmp.path(), {}).exit_code == 2);
}
