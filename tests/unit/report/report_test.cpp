// report/: any problems (data errors as well as link findings) as JSON,
// JUnit and GitHub annotations.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <sstream>

#include "report/report.hpp"

using namespace lspgen;

namespace {

Diagnostic problem(Severity severity, SourceLocation where, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.where = std::move(where);
    d.message = std::move(message);
    return d;
}

report::Kind data_kind() {
    report::Kind kind;
    kind.suite = "lspgen build";
    kind.problem = "error";
    kind.title = "lspgen build";
    kind.unit = "file";
    kind.classname = "build";
    return kind;
}

std::string written(const std::vector<Diagnostic>& problems, report::Format format) {
    std::ostringstream out;
    report::write(problems, data_kind(), format, "", out);
    return out.str();
}

}  // namespace

TEST_CASE("report: formats are parsed by name") {
    report::Format f = report::Format::human;
    CHECK(report::parse_format("github", f));
    CHECK(f == report::Format::github);
    CHECK(report::parse_format("junit", f));
    CHECK(f == report::Format::junit);
    CHECK_FALSE(report::parse_format("xml", f));
}

TEST_CASE("report: a data error in JSON has its file, place and no url") {
    const auto json = nlohmann::json::parse(
        written({problem(Severity::error, {"sites/x/members.yaml", 3, 9}, "'Chiar' is not a role"),
                 problem(Severity::warning, {"sites/x/site.yaml", 0, 0}, "no handbook")},
                report::Format::json));
    CHECK(json["errors"] == 1);
    CHECK(json["warnings"] == 1);
    CHECK(json["findings"][0]["file"] == "sites/x/members.yaml");
    CHECK(json["findings"][0]["line"] == 3);
    CHECK(json["findings"][0]["column"] == 9);
    CHECK_FALSE(json["findings"][0].contains("url"));
    CHECK(json["findings"][1]["severity"] == "warning");
}

TEST_CASE("report: GitHub annotations escape what would end a property or a line") {
    const std::string out =
        written({problem(Severity::error, {"a,b:c.yaml", 2, 0}, "50% off\nsecond line")},
                report::Format::github);
    CHECK(out ==
          "::error file=a%2Cb%3Ac.yaml,line=2,title=lspgen build::50%25 off%0Asecond "
          "line\n");
}

TEST_CASE("report: JUnit has a failing case per file, and one passing case when none fail") {
    pugi::xml_document failing;
    REQUIRE(failing.load_string(
        written({problem(Severity::error, {"m.yaml", 3, 9}, "bad"),
                 problem(Severity::error, {"m.yaml", 5, 1}, "worse"),
                 problem(Severity::warning, {"s.yaml", 1, 1}, "advice is not a failure")},
                report::Format::junit)
            .c_str()));
    auto suite = failing.child("testsuites").child("testsuite");
    CHECK(suite.attribute("failures").as_int() == 1);
    CHECK(std::string(suite.child("testcase").child("failure").attribute("message").value()) ==
          "2 errors");
    CHECK(std::string(suite.child("testcase").child("failure").text().get()) ==
          "3:9 bad\n5:1 worse\n");

    pugi::xml_document passing;
    REQUIRE(passing.load_string(written({}, report::Format::junit).c_str()));
    suite = passing.child("testsuites").child("testsuite");
    CHECK(suite.attribute("failures").as_int() == 0);
    CHECK(std::string(suite.child("testcase").attribute("name").value()) == "no errors");
}
