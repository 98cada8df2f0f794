#include <catch2/catch.hpp>

#include <sstream>

#include "support.hpp"
#include "theme/theme.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

TEST_CASE("theme: a file in the site's templates/ folder overrides the theme's by name") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    write_file(tmp / "site" / "templates" / "partials" / "post-holder.mustache",
               "<p class=\"custom-post\">{{post}}: "
               "{{#holder}}{{name}}{{/holder}}{{#vacant}}open{{/vacant}}</p>\n");
    write_file(tmp / "site" / "templates" / "static" / "extra.css", "body { color: #000; }\n");
    const RunResult run = run_lspgen({"build", (tmp / "site").string(), "-o",
                                      (tmp / "out").string(), "--now", "2009-03-01", "-q"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const std::string home = read_file(tmp / "out" / "index.html");
    CHECK_THAT(home, Catch::Contains("<p class=\"custom-post\">Chair: Cllr Alex Example</p>"));
    CHECK_THAT(home, Catch::Contains("<p class=\"custom-post\">Vice-chair: open</p>"));
    // The rest of the theme is still used.
    CHECK_THAT(home, Catch::Contains("class=\"skip-link\""));
    CHECK(fs::exists(tmp / "out" / "theme" / "extra.css"));
}

TEST_CASE("theme: data is escaped in templates so markup in YAML shows as text") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    write_file(tmp / "site" / "boards.yaml",
               "- id: health\n  name: \"<script>alert(1)</script> Board\"\n");
    const RunResult run = run_lspgen({"build", (tmp / "site").string(), "-o",
                                      (tmp / "out").string(), "--now", "2009-03-01", "-q"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const std::string page = read_file(tmp / "out" / "how-we-work" / "index.html");
    CHECK_THAT(page, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt; Board"));
    CHECK_THAT(page, !Catch::Contains("<script>"));
}

TEST_CASE("theme: a theme named by a path ('../x' or '/abs') is not loaded even when it exists") {
    TempDir tmp;
    fs::create_directories(tmp / "themes");
    const fs::path real = fs::canonical(lspgen::default_themes_dir() / "default");
    for (const std::string& name : std::vector<std::string>{
             fs::relative(real, tmp / "themes").string(), real.string(), "..", ""}) {
        INFO(name);
        lspgen::Diagnostics diagnostics;
        CHECK_FALSE(
            lspgen::Theme::load(tmp / "themes", name, tmp / "templates", "templates", diagnostics));
        std::ostringstream printed;
        diagnostics.print(printed);
        CHECK_THAT(printed.str(),
                   Catch::Contains("is not the name of a folder in this themes folder"));
    }
}
