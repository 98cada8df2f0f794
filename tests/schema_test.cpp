// `lspgen schema`: the JSON Schemas for editors, made from the readers'
// own field definitions. ajv checks them against real data in
// tests/schema/validate.mjs; here, their shape and `lspgen new`'s use of them.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

const char* const kKinds[] = {"site",   "members",    "boards",   "meetings", "documents",
                              "events", "indicators", "glossary", "news",     "pages"};

// The record of a kind: the file's object, or the item of a list file.
// The record of a list file (of the list form of the glossary, which may also
// be a mapping), or of a one-record file.
const Json& record_of(const Json& schema) {
    if (schema.contains("anyOf")) return schema["anyOf"][0]["items"];
    return schema.contains("items") ? schema["items"] : schema;
}

std::set<std::string> required_of(const Json& record) {
    std::set<std::string> keys;
    if (record.contains("required")) {
        for (const auto& key : record["required"]) keys.insert(key.get<std::string>());
    }
    return keys;
}

// Every property, nested ones too, has a one-line description.
void check_descriptions(const Json& record, const std::string& path) {
    for (const auto& [key, field] : record["properties"].items()) {
        INFO(path + "." + key);
        CHECK_FALSE(field.value("description", "").empty());
        for (const char* nested : {"items", "anyOf"}) {
            if (!field.contains(nested)) continue;
            const Json& inner = field[nested];
            for (const auto& part : inner.is_array() ? inner : Json::array({inner})) {
                if (part.contains("properties")) check_descriptions(part, path + "." + key);
            }
        }
        if (field.contains("properties")) check_descriptions(field, path + "." + key);
    }
}

}  // namespace

TEST_CASE("schema: -o writes valid JSON Schema for every kind, with the required keys") {
    TempDir tmp;
    const RunResult made = run_lspgen({"schema", "-o", (tmp / "schemas").string()});
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    const std::map<std::string, std::set<std::string>> required = {
        {"site", {"name", "area", "summary", "contact"}},
        {"members", {"id", "name", "role", "organisation"}},
        {"boards", {"id", "name"}},
        {"meetings", {"id", "title", "date"}},
        {"documents", {"id", "type", "title"}},
        {"events", {"id", "title", "date"}},
        {"indicators", {"code", "title", "direction"}},
        // A glossary's abbreviation may have only its expansion; a full term
        // needs its definition, which the schema cannot tell apart.
        {"glossary", {"term"}},
        {"news", {"title", "date", "summary"}},
        {"pages", {"title"}},
    };
    for (const char* kind : kKinds) {
        INFO(kind);
        const fs::path file = tmp / "schemas" / (std::string(kind) + ".schema.json");
        REQUIRE(fs::is_regular_file(file));
        const Json schema = Json::parse(read_file(file));  // throws if it is not JSON
        CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
        const Json& record = record_of(schema);
        CHECK(record["type"] == "object");
        CHECK(record["additionalProperties"] == false);
        CHECK(required_of(record) == required.at(kind));
        check_descriptions(record, kind);
        // `lspgen schema KIND` prints the same schema.
        const RunResult printed = run_lspgen({"schema", kind});
        CHECK(printed.exit_code == 0);
        CHECK(printed.out == read_file(file));
    }
}

TEST_CASE(
    "schema: a glossary may be a list of terms or a mapping from each term to a text or "
    "its other fields") {
    const Json glossary = Json::parse(run_lspgen({"schema", "glossary"}).out);
    REQUIRE(glossary["anyOf"].size() == 2);
    CHECK(glossary["anyOf"][0]["items"]["properties"].contains("term"));
    const Json& value = glossary["anyOf"][1]["additionalProperties"]["anyOf"];
    CHECK(value[0]["type"] == Json::array({"string", "number", "boolean"}));
    CHECK(value[1]["additionalProperties"] == false);
    CHECK_FALSE(value[1]["properties"].contains("term"));  // the key is the term
    CHECK(value[1]["properties"].contains("expansion"));
}

TEST_CASE("schema: types, allowed values and patterns come from the readers") {
    const Json members = Json::parse(run_lspgen({"schema", "members"}).out);
    const Json& member = members["items"]["properties"];
    // A required choice; an optional one may be left empty.
    CHECK(member["role"]["enum"] ==
          Json::array({"Chair", "Vice-chair", "Member", "Adviser", "Observer", "Officer"}));
    CHECK(member["sector"]["enum"].back() == nullptr);
    CHECK(member["appointed"]["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    CHECK(member["boards"]["type"] == Json::array({"array", "null"}));
    const Json meetings = Json::parse(run_lspgen({"schema", "meetings"}).out);
    const Json& meeting = meetings["items"];
    CHECK(meeting["properties"]["papers"]["items"]["required"] == Json::array({"title"}));
    CHECK(meeting["properties"]["papers"]["items"]["additionalProperties"] == false);
    CHECK(meeting["dependentRequired"]["end"] == Json::array({"start"}));
    const Json site = Json::parse(run_lspgen({"schema", "site"}).out);
    CHECK(site["properties"]["contact"]["additionalProperties"] == false);
    CHECK(site["properties"]["accessibility"]["properties"]["known_issues"]["items"]["required"] ==
          Json::array({"issue"}));
}

TEST_CASE("schema: an unknown kind, or neither KIND nor -o, is a usage error") {
    const RunResult unknown = run_lspgen({"schema", "member"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("unknown KIND 'member'") != std::string::npos);
    CHECK(run_lspgen({"schema"}).exit_code == 2);
}

TEST_CASE("schema: a new site names its schemas on each YAML file's first line and builds") {
    TempDir tmp;
    const fs::path site = tmp / "examplefield";
    REQUIRE(run_lspgen({"new", site.string(), "--now", "2026-01-20"}).exit_code == 0);
    for (const std::string kind : {"site", "members", "boards", "meetings", "documents", "events",
                                   "indicators", "glossary"}) {
        INFO(kind);
        const std::string yaml = read_file(site / (kind + ".yaml"));
        const std::string line =
            "# yaml-language-server: $schema=.schemas/" + kind + ".schema.json\n";
        CHECK(yaml.rfind(line, 0) == 0);
        // The schema it names is there, and is `lspgen schema KIND`'s.
        CHECK(read_file(site / ".schemas" / (kind + ".schema.json")) ==
              run_lspgen({"schema", kind}).out);
    }
    const RunResult built = run_lspgen(
        {"build", site.string(), "-o", (tmp / "out").string(), "--now", "2026-01-20", "-q"});
    INFO(built.err);
    CHECK(built.exit_code == 0);
    CHECK(built.err.empty());
    // .schemas is the editor's, not the site's: nothing of it is published.
    CHECK_FALSE(fs::exists(tmp / "out" / ".schemas"));
}
