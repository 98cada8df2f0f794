#include "cli/schema_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/exit_code.hpp"
#include "model/field_schema.hpp"

namespace lspgen::cli {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// What lspgen reads as text: any YAML scalar (`item: 3` is the text "3").
Json scalar_types() {
    return Json::array({"string", "number", "boolean"});
}

// The rules of model/fields.cpp and model/dates.cpp, as JSON Schema patterns
// (ECMAScript regular expressions, as ajv and VS Code use them).
const char* const kIdPattern = "^(?=.{1,100}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
const char* const kDatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const char* const kTimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
const char* const kUrlPattern =
    "^([Hh][Tt][Tt][Pp][Ss]?://[^/\\s<>\"]|[Mm][Aa][Ii][Ll][Tt][Oo]:)[^\\s<>\"]*$";
const char* const kEmailPattern = "^[^@\\s<>\"(),;:]+@[^\\s<>\"(),;:]+$";
const char* const kPathPattern = "^(?!/)(?!.*\\\\)(?!(.*/)?\\.\\.(/|$)).+$";

Json record_schema(const RecordShape& record, const std::string& path);

Json id_schema() {
    return {{"type", Json::array({"string", "integer"})}, {"pattern", kIdPattern}, {"minimum", 0}};
}

Json value_schema(const FieldShape& field, const std::string& path) {
    switch (field.type) {
        case FieldType::text:
        case FieldType::markdown: {
            Json s = {{"type", scalar_types()}};
            // A required text must not be blank; a required Markdown may be.
            if (field.required && field.type == FieldType::text) s["pattern"] = "\\S";
            return s;
        }
        case FieldType::boolean:
            return {{"type", "boolean"}};
        case FieldType::integer:
            return {{"type", "integer"}, {"minimum", -2147483648LL}, {"maximum", 2147483647LL}};
        case FieldType::number:
            return {{"type", "number"}, {"exclusiveMinimum", -1e15}, {"exclusiveMaximum", 1e15}};
        case FieldType::date:
            return {{"type", "string"}, {"pattern", kDatePattern}, {"format", "date"}};
        case FieldType::time:
            return {{"type", "string"}, {"pattern", kTimePattern}};
        case FieldType::id:
            return id_schema();
        case FieldType::id_ref:
            return {{"type", Json::array({"string", "integer"})}};
        case FieldType::id_refs:
            return {{"type", "array"}, {"items", {{"type", Json::array({"string", "integer"})}}}};
        case FieldType::text_list:
            return {{"type", "array"}, {"items", {{"type", scalar_types()}}}};
        case FieldType::choice:
            return {{"enum", field.allowed}};
        case FieldType::url:
            return {{"type", "string"}, {"pattern", kUrlPattern}};
        case FieldType::email:
            return {{"type", "string"}, {"pattern", kEmailPattern}};
        case FieldType::path:
            return {{"type", "string"}, {"pattern", kPathPattern}};
        case FieldType::mapping:
            return record_schema(*field.record, path);
        case FieldType::list:
            return {{"type", "array"}, {"items", record_schema(*field.record, path)}};
        case FieldType::id_or_mapping:
            return {{"anyOf", Json::array({{{"type", Json::array({"string", "integer"})}},
                                           record_schema(*field.record, path)})}};
    }
    return Json::object();
}

// An optional field may be left empty (`venue:`): lspgen reads it as absent.
void allow_null(Json& s) {
    if (s.contains("enum")) {
        s["enum"].push_back(nullptr);
    } else if (s.contains("anyOf")) {
        s["anyOf"].push_back({{"type", "null"}});
    } else if (s["type"].is_array()) {
        s["type"].push_back("null");
    } else {
        s["type"] = Json::array({s["type"], "null"});
    }
}

Json record_schema(const RecordShape& record, const std::string& path) {
    Json properties = Json::object();
    Json required = Json::array();
    for (const auto& field : record.fields) {
        const std::string field_path = path + "." + field.key;
        Json s;
        if (const std::string text = field_description(field_path); !text.empty()) {
            s["description"] = text;
        }
        s.update(value_schema(field, field_path));
        if (field.required) {
            required.push_back(field.key);
        } else {
            allow_null(s);
        }
        properties[field.key] = std::move(s);
    }
    Json schema = {{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty()) schema["required"] = std::move(required);
    for (const auto& [key, other] : record.needs) schema["dependentRequired"][key] = {other};
    if (record.closed) schema["additionalProperties"] = false;
    return schema;
}

Json file_schema(const DataFileShape& file) {
    Json schema = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                   {"title", "lspgen " + file.file},
                   {"description", "Made by `lspgen schema` from the fields lspgen reads."}};
    Json record = record_schema(file.record, file.kind);
    if (file.list && !file.keyed_by.empty()) {
        // A list, or a mapping from each record's key field to a text or to
        // the record's other fields.
        Json rest = record;
        rest["properties"].erase(file.keyed_by);
        if (rest.contains("required")) {
            auto& required = rest["required"];
            required.erase(std::remove(required.begin(), required.end(), file.keyed_by),
                           required.end());
            if (required.empty()) rest.erase("required");
        }
        schema["anyOf"] = Json::array(
            {{{"type", Json::array({"array", "null"})}, {"items", std::move(record)}},
             {{"type", "object"},
              {"additionalProperties",
               {{"anyOf", Json::array({{{"type", scalar_types()}}, std::move(rest)})}}}}});
    } else if (file.list) {
        // An empty file is an empty list.
        schema["type"] = Json::array({"array", "null"});
        schema["items"] = std::move(record);
    } else {
        schema.update(record);
    }
    return schema;
}

}  // namespace

std::vector<SchemaFile> schema_files() {
    std::vector<SchemaFile> files;
    for (const auto& file : describe_data_files()) {
        files.push_back({file.kind, file.kind + ".schema.json", file_schema(file).dump(2) + "\n"});
    }
    return files;
}

void SchemaCommand::add_to(CLI::App& app) {
    command_ = app.add_subcommand(
        "schema", "Write JSON Schemas of the data files, for editors that check YAML as you type");
    command_->footer(R"(
KIND is one of site, members, boards, meetings, documents, events, indicators,
glossary, news (the front matter of news/*.md) and pages (of pages/*.md).
The schemas are made from the same field definitions that lspgen checks the
data with (JSON Schema draft 2020-12).

Examples:
  lspgen schema members
  lspgen schema -o sites/examplefield/.schemas)");
    command_->add_option("KIND", kind_, "Print the schema of this kind of data file");
    command_->add_option("-o,--out", out_dir_, "Write every kind's KIND.schema.json here");
}

int SchemaCommand::run(std::ostream& out, std::ostream& err) const {
    const auto files = schema_files();
    if (!kind_.empty()) {
        const auto file = std::find_if(files.begin(), files.end(),
                                       [&](const SchemaFile& f) { return f.kind == kind_; });
        if (file == files.end()) {
            err << "lspgen: unknown KIND '" << kind_ << "'; use one of:";
            for (size_t i = 0; i < files.size(); ++i) err << (i ? ", " : " ") << files[i].kind;
            err << "\n";
            return kExitUsage;
        }
        if (out_dir_.empty()) {
            out << file->text;
            return kExitOk;
        }
    }
    if (out_dir_.empty()) {
        err << "lspgen: give a KIND to print its schema, or -o DIR to write them all\n"
               "Run 'lspgen schema --help' for usage.\n";
        return kExitUsage;
    }
    std::error_code ec;
    fs::create_directories(out_dir_, ec);
    if (ec) {
        err << "lspgen: cannot make " << out_dir_ << ": " << ec.message() << "\n";
        return kExitEnvironment;
    }
    for (const auto& file : files) {
        if (!kind_.empty() && file.kind != kind_) continue;
        const fs::path path = fs::path(out_dir_) / file.name;
        std::ofstream stream(path, std::ios::binary);
        stream << file.text;
        stream.close();
        if (!stream) {
            err << "lspgen: cannot write " << path.string() << "\n";
            return kExitEnvironment;
        }
        out << "wrote " << path.string() << "\n";
    }
    return kExitOk;
}

}  // namespace lspgen::cli
