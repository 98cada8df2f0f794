#include "links/http_probe.hpp"

#include <algorithm>
#include <map>

#include "base/text.hpp"
#include "links/html_links.hpp"
#include "net/http_client.hpp"
#include "net/url_parts.hpp"

namespace lspgen::links {

namespace {

bool accepted(long status, const ExternalOptions& options) {
    if (options.accepted_status.empty()) return status >= 200 && status < 300;
    return std::find(options.accepted_status.begin(), options.accepted_status.end(), status) !=
           options.accepted_status.end();
}

bool is_html(const std::string& content_type) {
    const std::string type =
        text::ascii_lower(text::trim_space(content_type.substr(0, content_type.find(';'))));
    return type == "text/html" || type == "application/xhtml+xml";
}

std::string status_text(long status) {
    static const std::map<long, const char*> reasons = {{200, "OK"},
                                                        {201, "Created"},
                                                        {202, "Accepted"},
                                                        {203, "Non-Authoritative Information"},
                                                        {204, "No Content"},
                                                        {206, "Partial Content"},
                                                        {300, "Multiple Choices"},
                                                        {301, "Moved Permanently"},
                                                        {302, "Found"},
                                                        {303, "See Other"},
                                                        {304, "Not Modified"},
                                                        {307, "Temporary Redirect"},
                                                        {308, "Permanent Redirect"},
                                                        {400, "Bad Request"},
                                                        {401, "Unauthorized"},
                                                        {402, "Payment Required"},
                                                        {403, "Forbidden"},
                                                        {404, "Not Found"},
                                                        {405, "Method Not Allowed"},
                                                        {406, "Not Acceptable"},
                                                        {408, "Request Timeout"},
                                                        {409, "Conflict"},
                                                        {410, "Gone"},
                                                        {412, "Precondition Failed"},
                                                        {414, "URI Too Long"},
                                                        {415, "Unsupported Media Type"},
                                                        {418, "I'm a teapot"},
                                                        {429, "Too Many Requests"},
                                                        {451, "Unavailable For Legal Reasons"},
                                                        {500, "Internal Server Error"},
                                                        {501, "Not Implemented"},
                                                        {502, "Bad Gateway"},
                                                        {503, "Service Unavailable"},
                                                        {504, "Gateway Timeout"},
                                                        {505, "HTTP Version Not Supported"}};
    auto it = reasons.find(status);
    return std::to_string(status) + (it == reasons.end() ? "" : std::string(" ") + it->second);
}

std::string attempts_text(int attempts) {
    return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

// What the checker keeps of one probe between its attempts.
struct Attempts {
    Probe* probe = nullptr;
    const ExternalOptions* options = nullptr;
    int retries = 0;
};

bool wants_body(const Probe& probe, const net::Response& so_far, const ExternalOptions& o) {
    return !probe.fragments.empty() && !so_far.statuses.empty() &&
           accepted(so_far.statuses.back(), o) && is_html(so_far.content_type);
}

std::string transport_problem(const net::Response& r, const ExternalOptions& o) {
    switch (r.failure) {
        case net::Failure::timeout:
        case net::Failure::deadline:
            return "timed out after " + attempts_text(r.attempts);
        case net::Failure::no_such_host:
            return "no such host";
        case net::Failure::cannot_connect:
            return "could not connect to the server";
        case net::Failure::private_address:
            return "redirected to " + r.refused + ", which links are not followed to";
        case net::Failure::closed_without_answer:
            return "the server closed the connection without answering";
        case net::Failure::partial:
            return "connection closed before the response was complete";
        case net::Failure::reset_receiving:
            return "connection reset while reading the response";
        case net::Failure::reset_sending:
            return "connection reset while sending the request";
        case net::Failure::bad_scheme:
            return "redirected to a scheme other than http(s)";
        case net::Failure::too_many_redirects: {
            // A loop shows as the same Location coming back.
            std::set<std::string> seen;
            for (const auto& location : r.locations) {
                if (!seen.insert(location).second) return "redirect loop";
            }
            return "more than " + std::to_string(o.max_redirects) + " redirects";
        }
        case net::Failure::tls:
            return "TLS problem: " + r.failure_text;
        case net::Failure::none:
        case net::Failure::other:
            break;
    }
    return r.failure_text;
}

bool retryable(net::Failure failure) {
    return failure == net::Failure::timeout || failure == net::Failure::reset_receiving ||
           failure == net::Failure::closed_without_answer || failure == net::Failure::partial ||
           failure == net::Failure::reset_sending || failure == net::Failure::cannot_connect;
}

bool retryable(long status) {
    return status >= 500 || status == 408 || status == 429;
}

long long backoff_ms(const Attempts& a, const std::string& retry_after) {
    const ExternalOptions& o = *a.options;
    long long wait = o.initial_backoff_ms;
    for (int i = 0; i < a.retries && wait < o.max_retry_after_ms; ++i) wait *= 2;
    if (auto asked = net::retry_after_ms(retry_after)) wait = *asked;
    return std::clamp<long long>(wait, 0, o.max_retry_after_ms);
}

void check_fragments(const Probe& probe, const net::Request& request, const net::Response& r,
                     const ExternalOptions& o, ProbeOutcome& out) {
    if (probe.fragments.empty() || request.head || !is_html(r.content_type)) return;
    const std::set<std::string> anchors = extract_links(r.body).anchors;
    for (const auto& fragment : probe.fragments) {
        if (anchors.count(fragment)) {
            out.fragments_found.insert(fragment);
        } else if (r.body_cut) {
            out.fragment_problems[fragment] = {
                Severity::warning, "could not look for '" + fragment + "': only the first " +
                                       std::to_string(o.max_body_bytes) +
                                       " bytes of the page were read"};
        } else {
            out.fragment_problems[fragment] = {Severity::error,
                                               "no element with id '" + fragment + "'"};
        }
    }
}

// After an attempt: the outcome, or how long to wait before the next one.
// `request` may be turned from HEAD into GET.
net::Decision judge(Attempts& a, net::Request& request, const net::Response& r) {
    const ExternalOptions& o = *a.options;
    ProbeOutcome& out = a.probe->outcome;
    out = ProbeOutcome{};
    out.status = r.status;
    out.final_url = r.final_url;
    for (size_t i = 0; i + 1 < r.statuses.size(); ++i) {
        out.moved_permanently |= r.statuses[i] == 301 || r.statuses[i] == 308;
    }
    const bool can_retry = a.retries < o.max_retries;
    if (!r.answered()) {
        if (retryable(r.failure) && can_retry) {
            const long long wait = backoff_ms(a, "");
            ++a.retries;
            return wait;
        }
        out.error = transport_problem(r, o);
        if (r.failure != net::Failure::timeout && r.failure != net::Failure::deadline &&
            r.attempts > 1) {
            out.error += " (" + attempts_text(r.attempts) + ")";
        }
        return std::nullopt;
    }
    // Servers that do not do HEAD say so in several ways.
    if (request.head &&
        (r.status == 405 || r.status == 501 || r.status == 403 || r.status == 400)) {
        request.head = false;
        return 0;
    }
    if (retryable(r.status) && can_retry) {
        const long long wait = backoff_ms(a, r.retry_after);
        ++a.retries;
        return wait;
    }
    if (accepted(r.status, o)) {
        check_fragments(*a.probe, request, r, o, out);
        return std::nullopt;
    }
    out.error = r.status == 0 ? "no HTTP response" : status_text(r.status);
    if (a.retries > 0) out.error += " after " + std::to_string(a.retries) + " retries";
    if (out.final_url != a.probe->url) {
        out.error += " (redirected to " + net::without_credentials(out.final_url) + ")";
    }
    // Rate limiting says nothing about the link itself.
    if (r.status == 429) out.severity = Severity::warning;
    return std::nullopt;
}

}  // namespace

void run_probes(std::vector<Probe>& probes, const ExternalOptions& options,
                const std::function<void()>& settled) {
    std::vector<net::Request> requests(probes.size());
    std::vector<Attempts> attempts(probes.size());
    for (size_t i = 0; i < probes.size(); ++i) {
        Probe& probe = probes[i];
        attempts[i] = {&probe, &options, 0};
        net::Request& q = requests[i];
        q.url = probe.url;
        q.head = probe.fragments.empty();  // fragments need the page
        q.headers = {"Accept: text/html,application/xhtml+xml,*/*;q=0.8"};
        q.user_agent = options.user_agent;
        q.connect_timeout_ms = options.connect_timeout_ms;
        q.timeout_ms = options.total_timeout_ms;
        q.max_redirects = options.max_redirects;
        q.max_body_bytes = options.max_body_bytes;
        q.wants_body = [&probe, &options](const net::Response& so_far) {
            return wants_body(probe, so_far, options);
        };
    }
    std::vector<net::Response> responses;
    net::run(requests, responses, {options.max_in_flight, options.per_host}, std::nullopt,
             [&](size_t i, const net::Response& r) {
                 const net::Decision next = judge(attempts[i], requests[i], r);
                 if (!next) settled();
                 return next;
             });
}

}  // namespace lspgen::links
