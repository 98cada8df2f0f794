#include "links/external_check.hpp"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "base/diagnostics.hpp"
#include "base/text.hpp"
#include "links/external_cache.hpp"
#include "links/html_links.hpp"
#include "links/http_probe.hpp"
#include "links/url.hpp"
#include "net/url_parts.hpp"

namespace lspgen::links {

namespace {

// The fragment, percent-decoded, without a text directive (":~:…").
std::string fragment_of(const std::string& href) {
    const size_t hash = href.find('#');
    if (hash == std::string::npos) return {};
    const size_t directive = href.find(":~:", hash + 1);
    return net::percent_decode(href.substr(
        hash + 1, directive == std::string::npos ? std::string::npos : directive - hash - 1));
}

// What follows "scheme:" in an href as written ("mailto:" or " MAILTO:").
std::string after_scheme(const std::string& href) {
    const size_t colon = href.find(':');
    return colon == std::string::npos ? std::string() : href.substr(colon + 1);
}

bool is_mailto(const std::string& url) {
    return text::ascii_lower(text::trim_space(url)).rfind("mailto:", 0) == 0;
}
bool is_tel(const std::string& url) {
    return text::ascii_lower(text::trim_space(url)).rfind("tel:", 0) == 0;
}

bool wanted(const std::string& url, const ExternalOptions& options) {
    auto in = [&](const std::string& pattern) { return url.find(pattern) != std::string::npos; };
    if (std::any_of(options.exclude.begin(), options.exclude.end(), in)) return false;
    auto matches = [&](const std::regex& pattern) { return std::regex_search(url, pattern); };
    if (std::any_of(options.ignore.begin(), options.ignore.end(), matches)) return false;
    return options.include.empty() ||
           std::any_of(options.include.begin(), options.include.end(), in);
}

}  // namespace

namespace {

// An address of a mailto: link: a local part and a domain of at least two
// labels, the last not a number.
bool valid_address(const std::string& address) {
    auto atext = [](unsigned char c) {
        return std::isalnum(c) || c >= 0x80 ||
               std::string_view("!#$%&'*+/=?^_`{|}~-").find(static_cast<char>(c)) !=
                   std::string::npos;
    };
    const size_t at = address.rfind('@');
    if (at == std::string::npos || at == 0 || at > 64) return false;
    const std::string local = address.substr(0, at);
    const std::string domain = address.substr(at + 1);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos ||
        !std::all_of(local.begin(), local.end(),
                     [&](unsigned char c) { return c == '.' || atext(c); })) {
        return false;
    }
    // Labels of letters, digits and inner hyphens.
    size_t labels = 0;
    std::string last;
    for (size_t begin = 0; begin <= domain.size(); ++labels) {
        size_t end = domain.find('.', begin);
        if (end == std::string::npos) end = domain.size();
        last = domain.substr(begin, end - begin);
        if (last.empty() || last.size() > 63 || last.front() == '-' || last.back() == '-' ||
            !std::all_of(last.begin(), last.end(), [](unsigned char c) {
                return std::isalnum(c) || c == '-' || c >= 0x80;
            })) {
            return false;
        }
        begin = end + 1;
    }
    return labels >= 2 &&
           !std::all_of(last.begin(), last.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Appends the comma-separated addresses of `list` (percent-decoded) to `into`.
void add_addresses(const std::string& list, std::vector<std::string>& into) {
    const std::string decoded = net::percent_decode(list);
    if (text::trim_space(decoded).empty()) return;
    // Every entry, an empty one between two commas too: it is no address.
    for (size_t begin = 0; begin <= decoded.size();) {
        size_t end = decoded.find(',', begin);
        if (end == std::string::npos) end = decoded.size();
        into.push_back(text::trim_space(decoded.substr(begin, end - begin)));
        begin = end + 1;
    }
}

}  // namespace

// RFC 6068: "mailto:" addresses "?" hfields, where the to, cc and bcc
// fields may carry addresses too ("mailto:?to=a@example.org" is fine).
std::string mailto_problem(const std::string& href) {
    const std::string rest = after_scheme(text::trim_space(href));
    const size_t query = rest.find('?');
    std::vector<std::string> addresses;
    add_addresses(rest.substr(0, query), addresses);
    if (query != std::string::npos) {
        const std::string fields = rest.substr(query + 1);
        for (size_t begin = 0; begin <= fields.size();) {
            size_t end = fields.find('&', begin);
            if (end == std::string::npos) end = fields.size();
            const std::string field = fields.substr(begin, end - begin);
            const size_t equals = field.find('=');
            const std::string name =
                text::ascii_lower(net::percent_decode(field.substr(0, equals)));
            if (equals != std::string::npos && (name == "to" || name == "cc" || name == "bcc")) {
                add_addresses(field.substr(equals + 1), addresses);
            }
            begin = end + 1;
        }
    }
    if (addresses.empty()) return "mailto: link without an address";
    for (const auto& address : addresses) {
        if (!valid_address(address)) return "'" + address + "' is not a valid email address";
    }
    return {};
}

// RFC 3966: a number with visual separators ("-", ".", "(", ")"; spaces
// and "," pauses, as people write them), then ";name=value" parameters
// ("tel:7042;phone-context=example.com", "tel:+44-1234-567,88").
std::string tel_problem(const std::string& href) {
    const std::string whole =
        text::trim_space(net::percent_decode(after_scheme(text::trim_space(href))));
    const size_t semicolon = whole.find(';');
    const std::string number = whole.substr(0, semicolon);
    size_t digits = 0;
    bool ok = !number.empty();
    for (size_t i = 0; i < number.size() && ok; ++i) {
        const unsigned char c = static_cast<unsigned char>(number[i]);
        if (std::isdigit(c))
            ++digits;
        else
            ok = (c == '+' && i == 0) || std::strchr(" -.(),*#", c) != nullptr;
    }
    for (size_t begin = semicolon; ok && begin != std::string::npos;) {
        const size_t end = whole.find(';', begin + 1);
        const std::string parameter =
            whole.substr(begin + 1, end == std::string::npos ? end : end - begin - 1);
        const std::string name = parameter.substr(0, parameter.find('='));
        ok = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
            return std::isalnum(c) || c == '-';
        });
        begin = end;
    }
    if (ok && digits >= 3) return {};
    return "'" + whole +
           "' is not a valid phone number (digits, optionally after a +, then "
           "any ;name=value parameters)";
}

std::vector<ExternalLink> collect_external_links(const OutputTree& tree,
                                                 const ExternalOptions& options,
                                                 const CheckOptions& check) {
    std::vector<ExternalLink> links;
    std::map<std::string, size_t> index;
    std::string buffer;
    LinkResolver resolver(check.site);
    for (const auto& page : pages_to_check(tree, check)) {
        const HtmlPage html = extract_links(std::string(tree.read(page, buffer)));
        const std::string* base = html.has_base ? &html.base_href : nullptr;
        for (const auto& link : html.links) {
            if (link.attribute == "usemap") continue;
            const Target& target = resolver.resolve(page, link.url, base);
            if (target.kind != Target::Kind::external && target.kind != Target::Kind::mail &&
                target.kind != Target::Kind::phone) {
                continue;
            }
            const std::string url =
                target.kind == Target::Kind::external ? target.url : text::trim_space(link.url);
            if (!wanted(url, options)) continue;
            auto [it, added] = index.emplace(url, links.size());
            if (added) links.push_back({url, {}, {}});
            ExternalLink& entry = links[it->second];
            entry.uses.push_back(
                finding(Severity::error, page, link.line, link.column, link.url, {}));
            const std::string fragment = fragment_of(link.url);
            if (target.kind == Target::Kind::external && !fragment.empty() &&
                text::ascii_lower(fragment) != "top") {
                entry.fragments.insert(fragment);
            }
        }
    }
    return links;
}

bool read_ignore_file(const std::filesystem::path& path, std::vector<std::regex>& patterns,
                      std::string& error) {
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream lines(text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::string pattern = text::trim_space(line);
        if (pattern.empty() || pattern[0] == '#') continue;
        try {
            patterns.emplace_back(pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            Diagnostics diagnostics;
            diagnostics.add_source(path.string(), text);
            const int column = static_cast<int>(line.find_first_not_of(" \t")) + 1;
            diagnostics.error({path.string(), number, column},
                              std::string("not a valid regular expression: ") + e.what(),
                              static_cast<int>(pattern.size()));
            error = diagnostics.format(diagnostics.all().front());
            return false;
        }
    }
    return true;
}

long long worst_case_duration_ms(const std::vector<ExternalLink>& links, const ExternalOptions& o) {
    std::map<std::string, size_t> per_host;
    size_t n = 0;
    for (const auto& link : links) {
        if (is_mailto(link.url) || is_tel(link.url)) continue;
        ++per_host[net::host_of(link.url)];
        ++n;
    }
    if (n == 0) return 1000;
    size_t busiest = 0;
    for (const auto& [host, count] : per_host) busiest = std::max(busiest, count);
    const double attempt_ms = static_cast<double>(std::max(0, o.max_retries) + 2) *
                              static_cast<double>(o.total_timeout_ms);
    const double slots =
        1.0 +
        static_cast<double>(busiest - 1) / static_cast<double>(std::max<size_t>(1, o.per_host)) +
        static_cast<double>(n - 1) / static_cast<double>(std::max<size_t>(1, o.max_in_flight));
    return static_cast<long long>(attempt_ms * slots) +
           static_cast<long long>(std::max(0, o.max_retries)) * o.max_retry_after_ms + 1000;
}

bool check_external(const std::vector<ExternalLink>& links, const ExternalOptions& options,
                    CheckResult& result, std::string& error) {
    const std::int64_t now = std::time(nullptr);
    std::optional<ResultsCache> cache;
    if (!options.cache_file.empty()) cache = ResultsCache::load(options.cache_file);

    size_t done = 0;
    auto settled = [&] {
        ++done;
        if (options.progress) options.progress(done, links.size());
    };
    std::vector<Finding> findings;
    auto report = [&](const ExternalLink& link, Severity severity, const std::string& message,
                      const std::string* fragment = nullptr) {
        for (const auto& use : link.uses) {
            if (fragment && fragment_of(use.subject) != *fragment) continue;
            findings.push_back(finding(severity, use.where.path, use.where.line, use.where.column,
                                       net::without_credentials(use.subject), message, use.origin));
        }
    };

    std::vector<Probe> probes;
    std::vector<const ExternalLink*> probed;  // the link of each probe
    for (const auto& link : links) {
        if (is_mailto(link.url) || is_tel(link.url)) {
            const std::string problem =
                is_mailto(link.url) ? mailto_problem(link.url) : tel_problem(link.url);
            if (!problem.empty()) report(link, Severity::error, problem);
            settled();
        } else if (const CachedResult* hit =
                       cache
                           ? cache->fresh(link.url, now, options.cache_ttl_seconds, link.fragments)
                           : nullptr) {
            if (hit->moved_permanently) {
                report(link, Severity::warning,
                       "moved permanently to " + net::without_credentials(hit->final_url) +
                           "; update the link");
            }
            settled();
        } else {
            probes.push_back({link.url, link.fragments, {}});
            probed.push_back(&link);
        }
    }

    run_probes(probes, options, settled);

    for (size_t i = 0; i < probes.size(); ++i) {
        const ExternalLink& link = *probed[i];
        const ProbeOutcome& out = probes[i].outcome;
        if (!out.error.empty()) {
            report(link, out.severity, out.error);
        } else {
            if (out.moved_permanently) {
                report(link, Severity::warning,
                       "moved permanently to " + net::without_credentials(out.final_url) +
                           "; update the link");
            }
            for (const auto& [fragment, problem] : out.fragment_problems) {
                report(link, problem.severity, problem.message, &fragment);
            }
        }
        if (cache) {
            cache->store(link.url, {out.status, out.error.empty(), now, out.final_url,
                                    out.moved_permanently, out.fragments_found});
        }
    }

    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.where.path, a.where.line, a.where.column) <
               std::tie(b.where.path, b.where.line, b.where.column);
    });
    result.findings.insert(result.findings.end(), findings.begin(), findings.end());
    result.external_urls_checked += links.size();
    std::stable_sort(
        result.findings.begin(), result.findings.end(),
        [](const Finding& a, const Finding& b) { return a.where.path < b.where.path; });

    if (cache && !cache->save(options.cache_file, now, options.cache_ttl_seconds, error)) {
        error = "cannot save the link cache: " + error;
        return false;
    }
    return true;
}

}  // namespace lspgen::links
