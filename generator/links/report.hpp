#pragma once

#include <ostream>
#include <string>

#include "links/internal_check.hpp"
#include "report/report.hpp"

namespace lspgen::links {

/// Writes the findings. `tree_name` prefixes page paths ("public/"), so a
/// report names files the reader can open. The human report groups findings
/// by page and names the data file a link came from when it is known; with
/// `colour` (for a terminal) it marks errors red and warnings yellow. The
/// other formats are report::write's, as for any problem.
void write_report(const CheckResult& result, report::Format format, const std::string& tree_name,
                  std::ostream& out, bool colour = false);

}  // namespace lspgen::links
