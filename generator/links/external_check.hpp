#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "links/internal_check.hpp"

namespace lspgen::links {

/// How the external checker (`lspgen check OUT --external`) behaves.
///
/// Time bound. Every attempt is cut off after total_timeout_ms (connection,
/// redirects and body included). A URL gets at most A = max_retries + 2
/// attempts (a GET after a refused HEAD is the extra one), with at most
/// max_retries waits between them, none longer than max_retry_after_ms
/// (both the exponential backoff and Retry-After are capped by it). No slot
/// is left idle while a transfer waits to start, so with N URLs, at most
/// n_host of them on one host, and t = total_timeout_ms:
///
///     run ≤ A·t·(1 + (n_host − 1)/per_host + (N − 1)/max_in_flight)
///           + max_retries·max_retry_after_ms
///
/// plus the time to parse the HTML fetched for fragments (at most
/// max_body_bytes a page). worst_case_duration_ms() computes it.
struct ExternalOptions {
    size_t max_in_flight = 32;  // transfers at once, over all hosts (0 counts as 1)
    size_t per_host = 4;        // transfers at once to one host name (0 counts as 1)
    long connect_timeout_ms = 5000;
    long total_timeout_ms = 15000;  // one attempt, from start to last byte
    /// Retries after timeouts, connection failures and resets, 5xx, 408 and
    /// 429. The waits double from initial_backoff_ms (200, 400, 800…).
    int max_retries = 3;
    long initial_backoff_ms = 200;
    /// The longest wait before a retry: a Retry-After header (seconds or an
    /// HTTP date) is honoured up to this, and the backoff never exceeds it.
    long max_retry_after_ms = 10000;
    int max_redirects = 10;
    /// The most of a page ever downloaded (for fragment checks); the
    /// transfer is aborted there. Bodies not needed are never downloaded.
    size_t max_body_bytes = 2 * 1024 * 1024;
    /// Only URLs containing one of these substrings are checked (empty: all).
    /// Applies to mailto: and tel: links too.
    std::vector<std::string> include;
    /// URLs containing any of these substrings are skipped.
    std::vector<std::string> exclude;
    /// URLs matching any of these (ECMAScript regular expressions, anywhere
    /// in the URL, as .lspgenignore lists them) are skipped.
    std::vector<std::regex> ignore;
    /// The final statuses that mean the link works. Empty (the default):
    /// any 2xx. Otherwise exactly these codes, so {200, 403} accepts 200 and
    /// 403 but not 204.
    std::vector<int> accepted_status;
    std::string user_agent = "lspgen link checker";
    /// The results cache between runs; empty: no cache.
    std::filesystem::path cache_file;
    /// Successes younger than this are not checked again; failures always are.
    long cache_ttl_seconds = 24 * 3600;
    /// Called after each URL is settled, with how many are and how many
    /// there are in all (for a progress line).
    std::function<void(size_t done, size_t total)> progress;
};

/// One external URL (without fragment) and every place that links to it.
struct ExternalLink {
    std::string url;
    /// Each use: its place in a page, with the href as written (fragment
    /// included) as its subject; severity and message are unset.
    std::vector<Finding> uses;
    /// The fragments (percent-decoded) some use asks for; "top" and the
    /// empty fragment are left out, since browsers need no element for them.
    std::set<std::string> fragments;
};

/// Collects the http(s), mailto: and tel: links of the pages of `tree`
/// that `check` says to check (resolved as it says: <base href>, the site's
/// own address), grouped by URL without fragment, in the order they first
/// appear, after the include, exclude and ignore patterns of `options`.
std::vector<ExternalLink> collect_external_links(const OutputTree& tree,
                                                 const ExternalOptions& options,
                                                 const CheckOptions& check = {});

/// The patterns of an ignore file (.lspgenignore): one ECMAScript regular
/// expression a line; blank lines and lines starting with '#' are skipped.
/// False, with `error` as "PATH:LINE:1: error: …" and the line, when a
/// pattern is not a valid expression.
bool read_ignore_file(const std::filesystem::path& path, std::vector<std::regex>& patterns,
                      std::string& error);

/// Checks `links` and appends to `result` one finding per use of a URL that
/// has a problem (keeping findings grouped by page, in page order). Errors:
/// the URL does not work (an unaccepted status, a timeout, a failed or cut
/// connection, a redirect loop), a fragment is missing from an HTML page, or
/// a mailto:/tel: link is malformed. Warnings: the link works but should be
/// updated (a permanent redirect), or could not be checked fully (429 after
/// every retry, a fragment beyond max_body_bytes). False, with `error`
/// saying why, when the cache file cannot be written; `result` is complete
/// even then.
bool check_external(const std::vector<ExternalLink>& links, const ExternalOptions& options,
                    CheckResult& result, std::string& error);

/// The bound on how long check_external(links, options) runs, in
/// milliseconds (see ExternalOptions), plus a second for the rest.
long long worst_case_duration_ms(const std::vector<ExternalLink>& links,
                                 const ExternalOptions& options);

/// What is wrong with a mailto: link ("mailto:a@example.org,b@example.org
/// ?subject=Hi" is fine); empty when nothing is. Each address needs a local
/// part and a domain with a dot (so not "localhost").
std::string mailto_problem(const std::string& href);

/// What is wrong with a tel: link; empty when nothing is. A number is an
/// optional leading +, then digits (at least 3) and the separators space,
/// '-', '.', '(' and ')'.
std::string tel_problem(const std::string& href);

}  // namespace lspgen::links
