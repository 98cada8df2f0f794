#pragma once

#include <ostream>
#include <string>

#include "links/internal_check.hpp"

namespace lspgen::links {

enum class ReportFormat { human, json, junit, github };

/// Parses "human", "json", "junit" or "github".
bool parse_report_format(const std::string& name, ReportFormat& format);

/// Writes the findings. `tree_name` prefixes page paths ("public/"), so a
/// report names files the reader can open. Human reports group findings by
/// page and name the data file a link came from when it is known; with
/// `colour` (for a terminal) they mark errors red and warnings yellow.
void write_report(const CheckResult& result, ReportFormat format, const std::string& tree_name,
                  std::ostream& out, bool colour = false);

}  // namespace lspgen::links
