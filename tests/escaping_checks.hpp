// What the escaping test checks in a built site: the hostile text
// <script>&"',; (each followed by a tag naming its field, "Tmember-name")
// must not be markup in any output, each format judged by its own rules.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lspgen::test {

/// The text the escaping test puts in every field, before each field's tag.
/// The comma and semicolon are for iCalendar, which must escape them.
inline const std::string kHostile = "<script>&\"',;";

/// What is wrong where, one line each.
using Findings = std::vector<std::string>;

/// Checks every page (.html), feed and sitemap (.xml), calendar (.ics) and
/// data.json under `out`.
Findings check_output(const std::filesystem::path& out);

}  // namespace lspgen::test
