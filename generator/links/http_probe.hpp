#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "links/external_check.hpp"

namespace lspgen::links {

/// A fragment the page does not have, or could not be looked for.
struct FragmentProblem {
    Severity severity;
    std::string message;
};

/// How one URL turned out.
struct ProbeOutcome {
    long status = 0;  // the final HTTP status; 0 when no response came
    std::string final_url;
    std::string error;  // empty: the URL works
    Severity severity = Severity::error;
    bool moved_permanently = false;  // a 301 or 308 on the way
    std::set<std::string> fragments_found;
    std::map<std::string, FragmentProblem> fragment_problems;
};

/// One http(s) URL to check, and, once run_probes() returns, its outcome.
struct Probe {
    std::string url;
    /// Fragments to look for on the page: the page is then fetched with GET
    /// (at most max_body_bytes of it), else HEAD is tried first.
    std::set<std::string> fragments;
    ProbeOutcome outcome;
};

/// Runs every probe to its outcome with the HTTP client (net/), within
/// the limits, timeouts, retries and body cap of `options` (see
/// ExternalOptions for the time bound). Calls `settled` once per probe as
/// it finishes. Never throws for a network failure: that is an outcome.
void run_probes(std::vector<Probe>& probes, const ExternalOptions& options,
                const std::function<void()>& settled);

}  // namespace lspgen::links
