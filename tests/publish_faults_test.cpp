// Publishing when the output cannot be written: a full disk, a folder the
// user may not write, a read-only file system. Each is made real — a 1 MB
// tmpfs or a read-only bind mount in a private mount namespace (unshare),
// an unprivileged user (setpriv) — and the real binary must exit 3 with a
// message naming the problem, and leave the previously published site
// byte for byte as it was, with nothing left beside it.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "child_process.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

/// A small valid site; with `report`, also a page of about 1.7 MB, more
/// than the small disk holds.
void write_site(const fs::path& dir, bool report) {
    write_file(dir / "site.yaml", kSiteYaml);
    write_file(dir / "members.yaml", kMembersYaml);
    if (!report) return;
    std::string page = "---\ntitle: Annual report\n---\n";
    const std::string paragraph =
        "The partnership met most of its Local Area Agreement targets this year. ";
    for (int i = 0; i < 2000; ++i) {
        for (int j = 0; j < 12; ++j) page += paragraph;
        page += "\n\n";
    }
    write_file(dir / "pages" / "report.md", page);
}

/// Every entry of `dir`, files with their bytes (folders as "(folder)"),
/// and every file under `dir`/public.
std::map<std::string, std::string> state_of(const fs::path& dir) {
    std::map<std::string, std::string> state;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        state[name] = entry.is_directory() ? "(folder)" : read_file(entry.path());
    }
    for (const auto& [path, bytes] : snapshot(dir / "public")) state["public/" + path] = bytes;
    return state;
}

/// Runs the sh `script` in a private mount namespace, with $1 the folder
/// `scratch` and then `args`. Before the script, `scratch` is bound over
/// itself and made a private mount there, so that what the script mounts
/// under it stays in the namespace and ends with it. Only `scratch` is
/// made private, not / as `unshare -m` does by default: in a chroot, whose
/// / is no mount, that fails ("cannot change root filesystem propagation").
/// As root no user namespace is needed; otherwise one maps the user to root
/// inside it. Exits 90 when the scratch mount fails.
ChildRun in_private_mounts(const fs::path& scratch, const std::string& script,
                           const std::vector<std::string>& args) {
    const std::string prelude = R"(
        mount --bind "$1" "$1" && mount --make-private "$1" || exit 90
        : > "$1/.in-namespace"
    )";
    const std::vector<std::string> unshare = {"unshare", geteuid() == 0 ? "-m" : "-rm",
                                              "--propagation", "unchanged"};
    const ChildRun run = run_child(
        joined(unshare, joined({"sh", "-c", prelude + script, "sh", scratch.string()}, args)), {},
        {60});
    // Where this namespace's mounts are shared (systemd makes / shared), the
    // bind mount appeared here too, before it was made private there.
    if (run_child({"mountpoint", "-q", scratch.string()}).exit_code == 0) {
        run_child({"umount", scratch.string()});
    }
    return run;
}

/// Why in_private_mounts could not do its part, or "" when it could.
std::string lacking(const fs::path& scratch, const ChildRun& run, const std::string& mounts) {
    const std::string needs =
        " in a private mount namespace here: the test needs root with CAP_SYS_ADMIN, or "
        "unprivileged user namespaces (which a chroot does not allow). ";
    std::string what;
    if (!fs::exists(scratch / ".in-namespace")) {
        what = run.exit_code == 90 ? "bind a scratch folder over itself as a private mount"
                                   : "start a shell (unshare)";
    } else if (run.exit_code == 90) {
        what = mounts;
    } else {
        return "";
    }
    return "cannot " + what + needs + run.summary() + ": " + run.err;
}

}  // namespace

TEST_CASE(
    "publish faults: a full disk fails with exit 3 and says so and the previous output "
    "survives") {
    TempDir tmp;
    write_site(tmp / "small", false);
    write_site(tmp / "big", true);
    fs::create_directories(tmp / "disk");
    // Inside the namespace: a 1 MB disk holding a published small site,
    // then the big site built over it. What the disk held before and after
    // is copied out, as the mount ends with the namespace.
    const std::string script = R"(
        T=$1; L=$2
        mount -t tmpfs -o size=1m lspgen-full-disk "$T/disk" || exit 90
        "$L" build "$T/small" -o "$T/disk/public" --now 2009-03-01 -q || exit 91
        cp -a "$T/disk" "$T/before" || exit 92
        "$L" build "$T/big" -o "$T/disk/public" --now 2009-03-01 -q 2> "$T/err"
        echo $? > "$T/exit"
        cp -a "$T/disk" "$T/after"
    )";
    const ChildRun run = in_private_mounts(tmp.path(), script, {LSPGEN_BINARY});
    INFO(run.summary() << "\n" << run.err);
    const std::string lacks = lacking(tmp.path(), run, "mount a 1 MB tmpfs");
    if (!lacks.empty()) FAIL(lacks);
    REQUIRE(run.exit_code == 0);
    const std::string err = read_file(tmp / "err");
    INFO(err);
    CHECK(read_file(tmp / "exit") == "3\n");
    CHECK_THAT(err, Catch::StartsWith("lspgen: error: cannot write " + (tmp / "disk").string()));
    // The page that no longer fits: the report, or a page written beside it
    // (the site map) once the report has filled the disk.
    CHECK_THAT(err, Catch::Contains("/index.html: No space left on device\n"));
    CHECK_THAT(err, Catch::EndsWith("the previous contents of " +
                                    (tmp / "disk" / "public").string() + " are unchanged\n"));
    CHECK(state_of(tmp / "after") == state_of(tmp / "before"));
}

TEST_CASE(
    "publish faults: an output folder the user may not write fails with exit 3 and says "
    "so and the previous output survives") {
    TempDir tmp;
    write_site(tmp / "small", false);
    write_site(tmp / "big", true);
    const fs::path out = tmp / "output" / "public";
    REQUIRE(run_lspgen({"build", (tmp / "small").string(), "-o", out.string(), "--now",
                        "2009-03-01", "-q"})
                .exit_code == 0);
    const auto before = state_of(tmp / "output");
    // The folder holding OUT: its owner's (root's) alone to write in.
    fs::permissions(tmp / "output", fs::perms::owner_read | fs::perms::owner_exec |
                                        fs::perms::group_read | fs::perms::group_exec |
                                        fs::perms::others_read | fs::perms::others_exec);
    const ChildRun probe =
        run_child(joined(unprivileged(), {"touch", (tmp / "output" / "probe").string()}));
    INFO(
        "lspgen must run as a user who may not write in the output's folder; touch as that "
        "user: "
        << probe.summary() << " " << probe.err);
    REQUIRE(probe.exit_code != 0);
    REQUIRE_THAT(probe.err, Catch::Contains("Permission denied"));

    const ChildRun run =
        run_child(joined(unprivileged(), {binary_for_unprivileged(), "build", "big", "-o",
                                          out.string(), "--now", "2009-03-01", "-q"}),
                  tmp.path());
    INFO(run.summary() << "\n" << run.err);
    CHECK_FALSE(run.timed_out);
    CHECK(run.exit_code == 3);
    // The first thing written is the record of what lspgen will write.
    CHECK_THAT(run.err, Catch::StartsWith("lspgen: error: cannot write " +
                                          (tmp / "output" / ".public.lspgen-state").string()));
    CHECK_THAT(run.err, Catch::Contains(": Permission denied\nthe previous contents of " +
                                        out.string() + " are unchanged\n"));
    fs::permissions(tmp / "output", fs::perms::owner_all, fs::perm_options::add);
    CHECK(state_of(tmp / "output") == before);
}

TEST_CASE(
    "publish faults: a read-only file system fails with exit 3 and says so and the "
    "previous output survives") {
    TempDir tmp;
    write_site(tmp / "small", false);
    write_site(tmp / "big", true);
    const fs::path output = tmp / "output";
    REQUIRE(run_lspgen({"build", (tmp / "small").string(), "-o", (output / "public").string(),
                        "--now", "2009-03-01", "-q"})
                .exit_code == 0);
    const auto before = state_of(output);
    // The output's folder bound read-only over itself, in a private mount
    // namespace.
    const std::string script = R"(
        P=$2; L=$3; S=$4
        mount --bind "$P" "$P" && mount -o remount,bind,ro "$P" || exit 90
        exec "$L" build "$S" -o "$P/public" --now 2009-03-01 -q
    )";
    const ChildRun run = in_private_mounts(
        tmp.path(), script, {output.string(), LSPGEN_BINARY, (tmp / "big").string()});
    INFO(run.summary() << "\n" << run.err);
    const std::string lacks = lacking(tmp.path(), run, "make a read-only bind mount");
    if (!lacks.empty()) FAIL(lacks);
    CHECK(run.exit_code == 3);
    CHECK_THAT(run.err, Catch::StartsWith("lspgen: error: cannot write " +
                                          (output / ".public.lspgen-state").string()));
    CHECK_THAT(run.err, Catch::Contains(": Read-only file system\nthe previous contents of " +
                                        (output / "public").string() + " are unchanged\n"));
    CHECK(state_of(output) == before);
}
