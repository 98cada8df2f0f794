// load/placeholders: the TODO markers and reserved example contacts that a
// published site may not hold, each at its exact line and column, found in
// values and never in comments.
#include <catch2/catch.hpp>

#include "load/placeholders.hpp"
#include "load/yaml_loader.hpp"

using namespace lspgen;
using namespace lspgen::load;

namespace {

/// Each placeholder as "line:column text".
std::vector<std::string> places(const std::vector<Placeholder>& found) {
    std::vector<std::string> out;
    for (const auto& p : found) {
        out.push_back(std::to_string(p.where.line) + ":" + std::to_string(p.where.column) + " " +
                      p.text);
    }
    return out;
}

std::vector<std::string> in_text(const std::string& text) {
    return places(find_placeholders(text, {"page.md", 1, 1}));
}

std::vector<std::string> in_yaml(const std::string& yaml) {
    Diagnostics d;
    auto root = parse_yaml(yaml, "site.yaml", d);
    REQUIRE(root);
    return places(find_placeholders(*root, yaml));
}

}  // namespace

TEST_CASE("placeholders: TODO is found as a word, in capitals only") {
    CHECK(in_text("TODO: say what it is.") == std::vector<std::string>{"1:1 TODO"});
    CHECK(in_text("Chair's name (TODO)") == std::vector<std::string>{"1:15 TODO"});
    CHECK(in_text("a todo list, TODOS, MASTODON and xTODO").empty());
    CHECK(find_placeholders("x TODO", {"a.md", 1, 1}).at(0).length == 4);
}

TEST_CASE("placeholders: Ofcom's drama numbers are found however they are written") {
    CHECK(in_text("phone 01632 960000 today") == std::vector<std::string>{"1:7 01632 960000"});
    CHECK(in_text("01632960999") == std::vector<std::string>{"1:1 01632960999"});
    CHECK(in_text("+44 (0)1632 960123") == std::vector<std::string>{"1:1 +44 (0)1632 960123"});
    CHECK(in_text("+44 1632 960123") == std::vector<std::string>{"1:1 +44 1632 960123"});
    CHECK(in_text("020 7946 0123") == std::vector<std::string>{"1:1 020 7946 0123"});
    CHECK(in_text("0113 496 0001") == std::vector<std::string>{"1:1 0113 496 0001"});
    CHECK(in_text("07700 900461") == std::vector<std::string>{"1:1 07700 900461"});
    CHECK(in_text("028 9649 6123") == std::vector<std::string>{"1:1 028 9649 6123"});
    CHECK(in_text("08081 570123, 0909 879 0123, 03069 990123").size() == 3);
}

TEST_CASE("placeholders: real numbers and longer digit runs are left alone") {
    CHECK(in_text("01962 840664").empty());                 // PtP's own number
    CHECK(in_text("01632 950000").empty());                 // outside the drama range
    CHECK(in_text("016329600001 and 2016329600").empty());  // longer numbers
    CHECK(in_text("020 7946 1123").empty());
}

TEST_CASE("placeholders: example.org, .com and .net are found, other domains are not") {
    CHECK(in_text("email lsp@example.org.") == std::vector<std::string>{"1:11 example.org"});
    CHECK(in_text("https://www.Example.COM/x") == std::vector<std::string>{"1:13 Example.COM"});
    CHECK(in_text("lspgen.example.net/a") == std::vector<std::string>{"1:8 example.net"});
    CHECK(in_text("myexample.org, example.organic.uk, example.co.uk").empty());
}

TEST_CASE("placeholders: lines after the first count from the text's first line and column") {
    const auto found = find_placeholders("first\n  TODO here", {"site.yaml", 10, 3}, 3);
    CHECK(places(found) == std::vector<std::string>{"11:5 TODO"});
}

TEST_CASE("placeholders: YAML values are searched, comments and keys are not") {
    const std::string yaml =
        "# TODO: a comment with 01632 960000\n"
        "name: Real Name  # TODO: check\n"
        "county: \"County (TODO)\"\n"
        "summary: |\n"
        "  TODO: say what it is.\n"
        "  Phone 01632 960000 or email lsp@example.org (TODO:\n"
        "  your own).\n"
        "contact:\n"
        "  # example.org below is reserved\n"
        "  email: lsp@example.org\n"
        "TODO: a key is not published\n";
    CHECK(in_yaml(yaml) == std::vector<std::string>{"3:18 TODO", "5:3 TODO", "6:9 01632 960000",
                                                    "6:35 example.org", "6:48 TODO",
                                                    "10:14 example.org"});
}

TEST_CASE("placeholders: a value whose text is escaped is reported at the value") {
    // "\x54ODO" is TODO once YAML has read it: the file does not show it
    // as written, so the value's own place is given.
    CHECK(in_yaml("aim: \"\\x54ODO: aim\"\n") == std::vector<std::string>{"1:6 TODO"});
}
