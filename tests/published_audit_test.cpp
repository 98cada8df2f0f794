// Issue 19 §2: every site's data.json publishes its own audit, so that a hub
// reading the partnership from data.json scores it in full; an item still
// not known counts neither for nor against it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "audit/report.hpp"
#include "hub_data_server.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json own_audit(const fs::path& site) {
    const RunResult run =
        run_lspgen({"audit", site.string(), "--format", "json", "--now", "2009-03-01"});
    INFO(run.err);
    return json::parse(run.out);
}

}  // namespace

TEST_CASE("published audit: each example site's data.json carries its audit, item by item") {
    TempDir tmp;
    for (const char* slug : {"spelthorne", "tonbridge-malling", "luton-forum"}) {
        INFO(slug);
        const fs::path site = source_dir() / "sites" / slug;
        const RunResult run = run_lspgen(
            {"build", site.string(), "-o", (tmp / slug).string(), "--now", "2009-03-01", "-q"});
        REQUIRE(run.exit_code == 0);
        const json data = json::parse(read_file(tmp / slug / "data.json"));
        const json audit = own_audit(site);
        REQUIRE(data.contains("audit"));
        const json& items = data["audit"]["items"];
        REQUIRE(items.size() == audit["items"].size());
        for (size_t i = 0; i < items.size(); ++i) {
            INFO(audit["items"][i]["id"]);
            CHECK(items[i]["id"] == audit["items"][i]["id"]);
            CHECK(items[i]["outcome"] == audit["items"][i]["outcome"]);
            CHECK(items[i]["why"] == audit["items"][i]["why"]);
        }
    }
}

TEST_CASE(
    "published audit: a hub scores a partnership read from data.json as the site scores "
    "itself") {
    TempDir tmp;
    const fs::path site = source_dir() / "sites" / "tonbridge-malling";
    REQUIRE(run_lspgen({"build", site.string(), "-o", (tmp / "site").string(), "--now",
                        "2009-03-01", "-q"})
                .exit_code == 0);
    DataServer server;
    server.start();
    server.serve(read_file(tmp / "site" / "data.json"));
    write_file(tmp / "hub" / "site.yaml",
               "kind: hub\nname: Test Hub\narea: the Test Region\nsummary: Every partnership.\n"
               "contact:\n  email: hub@test.example\npartnerships:\n  - data: " +
                   server.url() + "\n");
    const RunResult run =
        run_lspgen({"build", (tmp / "hub").string(), "-o", (tmp / "out").string(), "--now",
                    "2009-03-01", "--cache-dir", (tmp / "cache").string()});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const json own = own_audit(site);
    const json hub = json::parse(read_file(tmp / "out" / "data.json"));
    REQUIRE(hub["partnerships"].size() == 1);
    const json& scored = hub["partnerships"][0]["audit"];
    CHECK(scored["unknown"] == 0);
    CHECK(scored["met"] == own["score"]["met"]);
    CHECK(scored["total"] == own["score"]["total"]);
    json missing = json::array();
    for (const auto& item : own["items"]) {
        if (item["outcome"] == "not-met") missing.push_back(item["id"]);
    }
    CHECK(scored["missing"] == missing);
    const std::string scorecard = read_file(tmp / "out" / "scorecard" / "index.html");
    CHECK_THAT(scorecard, Catch::Contains(
                              "Score</span>" + std::to_string(own["score"]["met"].get<int>()) +
                              " of " + std::to_string(own["score"]["total"].get<int>()) + "</td>"));
}

TEST_CASE("published audit: an item not known reads as neutral, never worse than missing") {
    lspgen::audit::Evidence evidence;
    evidence.name = "Remote LSP";
    evidence.chair = "Cllr A";
    evidence.vice_chair = "Cllr B";
    const auto known_two = lspgen::audit::run(evidence);
    REQUIRE(known_two.met() == 2);
    // Two of two known items met reads as full marks on what is known.
    CHECK(lspgen::audit::score_text(known_two) ==
          "2 of 2 known (" + std::to_string(known_two.total() - 2) + " not known)");
    // A published "met" fills in what the evidence cannot show.
    evidence.published["summary"] = {lspgen::audit::Outcome::met, "The summary has 90 words."};
    const auto with_published = lspgen::audit::run(evidence);
    CHECK(with_published.met() == 3);
    CHECK(with_published.unknown() == known_two.unknown() - 1);
}
