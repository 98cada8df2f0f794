#include <catch2/catch.hpp>
#include <sstream>

#include "child_process.hpp"
#include "support.hpp"

using namespace lspgen::test;

namespace {

const std::vector<std::string> kCommands = {"build", "check", "audit",
                                            "new",   "serve", "completion"};

// The script for `shell`, written to a file in `tmp`.
std::string script_file(const TempDir& tmp, const std::string& shell) {
    const RunResult run = run_lspgen({"completion", shell});
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.err.empty());
    const auto file = tmp / ("lspgen." + shell);
    write_file(file, run.out);
    return file.string();
}

// The options a command's --help lists: every word of its left column that
// starts with "-" ("-o,--out TEXT" gives -o and --out).
std::vector<std::string> help_options(const std::string& command) {
    const RunResult help = run_lspgen({command, "--help"});
    REQUIRE(help.exit_code == 0);
    std::vector<std::string> options;
    std::istringstream lines(help.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  -", 0) != 0) continue;
        std::string names = line.substr(2, line.find(' ', 2) - 2);
        std::istringstream parts(names);
        for (std::string name; std::getline(parts, name, ',');) options.push_back(name);
    }
    return options;
}

bool have(const std::string& program) {
    return run_child({"sh", "-c", "command -v " + program}).exit_code == 0;
}

// `text` with every run of spaces made one space, and none at either end.
std::string collapsed(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// What the man page reads as, its lines joined by spaces: roff's escapes
// and fonts undone. Request lines (.TP, .PP, …) give nothing, except a
// subsection's title.
std::string man_text(const std::string& roff) {
    std::string text;
    std::istringstream in(roff);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(".SS \"", 0) == 0) {
            line = line.substr(5, line.size() - 6);
        } else if (line.rfind(".", 0) == 0) {
            continue;
        }
        text += ' ';
        for (size_t i = 0; i < line.size(); ++i) {
            if (line[i] != '\\' || i + 1 == line.size()) {
                text += line[i];
                continue;
            }
            const char next = line[++i];
            if (next == '-') text += '-';
            if (next == 'e') text += '\\';
            if (next == 'f') ++i;  // \fB, \fR, \fI
        }
    }
    return collapsed(text) + " ";
}

}  // namespace

TEST_CASE("completion: the bash script is valid bash and names every command and option") {
    TempDir tmp;
    const std::string file = script_file(tmp, "bash");
    const ChildRun syntax = run_child({"bash", "-n", file});
    INFO(syntax.err);
    CHECK(syntax.exit_code == 0);
    const std::string script = read_file(file);
    for (const auto& command : kCommands) {
        INFO(command);
        CHECK_THAT(script, Catch::Contains(" " + command + ")"));
        for (const auto& option : help_options(command)) {
            INFO(option);
            CHECK_THAT(script, Catch::Contains(option));
        }
    }
    CHECK_THAT(script, !Catch::Contains("man)"));  // the hidden command
}

TEST_CASE("completion: bash completes commands, a command's options and the shells") {
    TempDir tmp;
    const std::string file = script_file(tmp, "bash");
    const ChildRun run =
        run_child({"bash", "-c",
                   "source \"$1\"\n"
                   "complete_line() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMPREPLY=();"
                   " _lspgen; echo \"${COMPREPLY[*]}\"; }\n"
                   "complete_line lspgen bu\n"
                   "complete_line lspgen build --f\n"
                   "complete_line lspgen build -o ''\n"
                   "complete_line lspgen completion ''\n"
                   "complete_line lspgen --v\n",
                   "test", file});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out ==
          "build\n"
          "--format --force\n"
          "\n"  // the value of -o: the shell's own file names
          "bash zsh fish\n"
          "--version\n");
}

TEST_CASE("completion: the zsh and fish scripts are valid and complete the commands") {
    TempDir tmp;
    REQUIRE(have("zsh"));  // scripts/setup.sh test installs zsh and fish
    REQUIRE(have("fish"));
    const std::string zsh = script_file(tmp, "zsh");
    const ChildRun zsh_syntax = run_child({"zsh", "-n", zsh});
    INFO(zsh_syntax.err);
    CHECK(zsh_syntax.exit_code == 0);
    CHECK(read_file(zsh).rfind("#compdef lspgen\n", 0) == 0);

    const std::string fish = script_file(tmp, "fish");
    const ChildRun fish_syntax = run_child({"fish", "--no-execute", fish});
    INFO(fish_syntax.err);
    CHECK(fish_syntax.exit_code == 0);
    const ChildRun commands =
        run_child({"fish", "--no-config", "-c", "source $argv[1]; complete -C 'lspgen '", fish});
    INFO(commands.err);
    for (const auto& command : kCommands) CHECK_THAT(commands.out, Catch::Contains(command + "\t"));
    const ChildRun options = run_child(
        {"fish", "--no-config", "-c", "source $argv[1]; complete -C 'lspgen build --'", fish});
    for (const auto& option : help_options("build")) {
        if (option.rfind("--", 0) == 0) CHECK_THAT(options.out, Catch::Contains(option + "\t"));
    }
    const ChildRun shells = run_child(
        {"fish", "--no-config", "-c", "source $argv[1]; complete -C 'lspgen completion '", fish});
    CHECK_THAT(shells.out, Catch::Contains("zsh\t"));
}

TEST_CASE("completion: a shell it does not know is a usage error") {
    const RunResult run = run_lspgen({"completion", "powershell"});
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
}

TEST_CASE("completion: the man page says every line of every command's --help") {
    const RunResult man = run_lspgen({"man"});
    REQUIRE(man.exit_code == 0);
    CHECK(man.out.find(".TH LSPGEN 1 ") != std::string::npos);
    const std::string page = man_text(man.out);
    std::vector<std::string> helps = kCommands;
    helps.insert(helps.begin(), "");  // lspgen --help
    for (const auto& command : helps) {
        const RunResult help =
            run_lspgen(command.empty() ? std::vector<std::string>{"--help"}
                                       : std::vector<std::string>{command, "--help"});
        REQUIRE(help.exit_code == 0);
        std::istringstream in(help.out);
        // Each line of --help, its columns (name, description) joined by one
        // space, is in the page, whole words.
        for (std::string line; std::getline(in, line);) {
            if (line.rfind("Usage: ", 0) == 0) line = line.substr(7);
            line = collapsed(line);
            if (line.empty()) continue;
            INFO("lspgen " << command << " --help: " << line);
            CHECK(page.find(" " + line + " ") != std::string::npos);
        }
    }
    // The hidden command is not on the page, and not in --help.
    CHECK(page.find("lspgen man") == std::string::npos);
    CHECK_THAT(run_lspgen({"--help"}).out, !Catch::Contains(" man "));
}
