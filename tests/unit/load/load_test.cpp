// load/: text files through the file-system seam (MemoryFiles), YAML with
// the place of every value, and front matter. No disk, no other stage.
#include <catch2/catch.hpp>

#include "load/front_matter.hpp"
#include "load/text_file.hpp"
#include "load/yaml_loader.hpp"

using namespace lspgen;
using namespace lspgen::load;

namespace {

/// The one diagnostic `read` reports, as "line:column: message".
std::string only_problem(const Diagnostics& d) {
    REQUIRE(d.all().size() == 1);
    const Diagnostic& p = d.all().front();
    return std::to_string(p.where.line) + ":" + std::to_string(p.where.column) + ": " + p.message;
}

}  // namespace

TEST_CASE("load: a text file is read through the seam, its BOM dropped and registered") {
    MemoryFiles files;
    files.add("site/members.yaml", "\xEF\xBB\xBF- id: jo\n");
    Diagnostics d;
    const auto text = read_text_file(files, "site/members.yaml", "members.yaml", d);
    REQUIRE(text);
    CHECK(*text == "- id: jo\n");
    CHECK(d.all().empty());
    // The same file named another way ("site/./members.yaml") is the same file.
    CHECK(read_text_file(files, "site/./members.yaml", "members.yaml", d));
}

TEST_CASE("load: each kind of unreadable text names its place") {
    MemoryFiles files;
    Diagnostics missing;
    CHECK_FALSE(read_text_file(files, "nowhere.yaml", "nowhere.yaml", missing));
    CHECK(only_problem(missing) == "0:0: this file does not exist");

    files.add("utf16.yaml", std::string("\xFF\xFEn\0a\0", 6));
    Diagnostics utf16;
    CHECK_FALSE(read_text_file(files, "utf16.yaml", "utf16.yaml", utf16));
    CHECK_THAT(only_problem(utf16), Catch::StartsWith("1:1: the file is saved as UTF-16"));

    // "café" in Windows-1252 on line 2: the byte 0xE9 at column 9.
    files.add("latin1.yaml", "name: x\narea: caf\xE9\n");
    Diagnostics latin1;
    CHECK_FALSE(read_text_file(files, "latin1.yaml", "latin1.yaml", latin1));
    CHECK_THAT(only_problem(latin1), Catch::StartsWith("2:10: the file is not valid UTF-8 here "
                                                       "(byte 0xE9"));

    // A C1 control (U+0093, a curly quote gone wrong) on line 1, column 7.
    files.add("c1.yaml", "name: \xC2\x93quoted\n");
    Diagnostics c1;
    CHECK_FALSE(read_text_file(files, "c1.yaml", "c1.yaml", c1));
    CHECK_THAT(only_problem(c1),
               Catch::StartsWith("1:7: the file holds an invisible control character (U+0093)"));

    // One byte over the limit: too big, at the line where it passes it.
    files.add("big.yaml", std::string(kMaxTextFileBytes - 2, 'x') + "\nyz");
    Diagnostics big;
    CHECK_FALSE(read_text_file(files, "big.yaml", "big.yaml", big));
    CHECK_THAT(only_problem(big), Catch::StartsWith("2:1: the file is too big: 4,194,305 bytes"));

    // Exactly at the limit is fine.
    files.add("limit.yaml", std::string(kMaxTextFileBytes, 'x'));
    Diagnostics limit;
    CHECK(read_text_file(files, "limit.yaml", "limit.yaml", limit));
    CHECK(limit.all().empty());
}

TEST_CASE("load: the disk behind the seam refuses a folder and a missing file") {
    const DiskFiles disk;
    CHECK(disk.read("/", 10).problem == "this is a folder, not a file");
    CHECK(disk.read("/no/such/lspgen/file", 10).problem == "this file does not exist");
    const FileRead self = disk.read("/proc/self/status", 5);
    CHECK(self.problem.empty());
    CHECK(self.bytes.size() <= 6);  // the limit and one byte, never more
}

TEST_CASE("load: YAML values keep the line and column they were written at") {
    Diagnostics d;
    const auto root =
        parse_yaml("name: Casefield\nmembers:\n  - id: jo\n    role: Chair\n", "site.yaml", d);
    REQUIRE(root);
    REQUIRE(root->is_mapping());
    const RawNode* name = root->find("name");
    REQUIRE(name);
    CHECK(name->scalar == "Casefield");
    CHECK(name->where.line == 1);
    CHECK(name->where.column == 7);
    const RawNode* members = root->find("members");
    REQUIRE(members);
    REQUIRE(members->is_sequence());
    const RawNode* role = members->items.at(0).find("role");
    REQUIRE(role);
    CHECK(role->where.line == 4);
    CHECK(role->where.column == 11);
    CHECK(root->find("missing") == nullptr);
}

TEST_CASE("load: YAML errors and limits are reported at their place") {
    Diagnostics syntax;
    CHECK_FALSE(parse_yaml("name: [unclosed\n", "site.yaml", syntax));
    REQUIRE(syntax.has_errors());
    CHECK(syntax.all().front().where.path == "site.yaml");
    CHECK(syntax.all().front().where.line >= 1);

    // Nesting past the limit stops at the line where it passes it.
    YamlLimits limits;
    limits.max_depth = 3;
    Diagnostics deep;
    CHECK_FALSE(parse_yaml("a:\n  b:\n    c:\n      d: 1\n", "deep.yaml", deep, 1, limits));
    REQUIRE(deep.has_errors());
    CHECK_THAT(deep.all().front().message, Catch::Contains("nested more than 3"));

    // Front matter starts on line 2: its lines count from there.
    Diagnostics shifted;
    const auto fm = parse_yaml("title: About\n", "about.md", shifted, 2);
    REQUIRE(fm);
    CHECK(fm->find("title")->where.line == 2);
}

TEST_CASE("load: front matter is split from the body, which knows its first line") {
    Diagnostics d;
    const auto page =
        split_front_matter("---\ntitle: About\nmenu: 2\n---\nHello.\n", "pages/about.md", d);
    REQUIRE(page);
    CHECK(page->front_matter.find("title")->scalar == "About");
    CHECK(page->front_matter.find("menu")->where.line == 3);
    CHECK(page->body == "Hello.\n");
    CHECK(page->body_first_line == 5);

    Diagnostics none;
    CHECK_FALSE(split_front_matter("Hello.\n", "pages/plain.md", none));
    CHECK(none.has_errors());
    Diagnostics unclosed;
    CHECK_FALSE(split_front_matter("---\ntitle: About\nHello.\n", "pages/open.md", unclosed));
    CHECK(unclosed.has_errors());
}
