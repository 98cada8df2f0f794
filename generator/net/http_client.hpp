#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

/// The one HTTP client of lspgen: the external link check and the hub's
/// fetches of partnerships' data.json both go through it. libcurl's multi
/// interface runs every request of a batch at once, within per-host and
/// overall limits; libcurl stays in this module, and its errors are
/// translated here into Failure.
namespace lspgen::net {

using Clock = std::chrono::steady_clock;

/// Why a request got no answer that can be used.
enum class Failure {
    none,                   // an answer came (any status): see Response
    timeout,                // the request's own timeout passed
    deadline,               // the batch's deadline passed first
    no_such_host,           // the name does not resolve
    cannot_connect,         // refused or unreachable
    private_address,        // a redirect led to a non-public address: see Response::refused
    closed_without_answer,  // the server closed the connection without a response
    partial,                // the connection closed before the response was complete
    reset_receiving,        // reset while reading the response
    reset_sending,          // reset while sending the request
    bad_scheme,             // a redirect to a scheme other than http(s)
    too_many_redirects,     // more than Request::max_redirects
    tls,                    // a TLS handshake or certificate problem
    other,                  // anything else: see Response::failure_text
};

struct Response;

/// One HTTP request. Only http and https are spoken, redirects included.
struct Request {
    std::string url;
    bool head = false;  // HEAD, else GET
    /// Extra headers, "Name: value". A header holding CR or LF is never
    /// sent (it could smuggle in another header): it is left out.
    std::vector<std::string> headers;
    std::string user_agent = "lspgen";
    long connect_timeout_ms = 5000;
    /// The whole request, redirects and body included.
    long timeout_ms = 15000;
    int max_redirects = 5;
    /// The most of a body ever kept: the transfer stops there, with
    /// Response::body_cut set and the first max_body_bytes in the body.
    std::size_t max_body_bytes = 2 * 1024 * 1024;
    /// Asked before the final response's body is read: false stops the
    /// transfer there (the status and headers are kept, answered() holds).
    /// Empty: every body is read.
    std::function<bool(const Response& so_far)> wants_body;
    /// Connections are not kept for later requests, so each redirect opens
    /// its own and is checked before anything is sent (see below).
    bool fresh_connections = false;
};

/// What came back. Redirects are followed, but never to a loopback,
/// private, link-local or unique-local address (IPv4 or IPv6, checked on
/// the address actually connected to, after DNS), unless the request's own
/// URL reached that very address: http://127.0.0.1:8080/a may redirect to
/// http://127.0.0.1:9090/b, never to 127.0.0.2, [::1], 10.0.0.1 or
/// 169.254.169.254. A refused redirect is Failure::private_address.
struct Response {
    Failure failure = Failure::none;
    /// libcurl's own words for the failure (empty without one).
    std::string failure_text;
    /// For Failure::private_address: the address and its kind, e.g.
    /// "127.0.0.2 (a loopback address)".
    std::string refused;
    long status = 0;                     // the final status; 0 without a response
    std::vector<long> statuses;          // each final (>= 200) status of the redirect chain
    std::vector<std::string> locations;  // each Location header on the way
    std::string final_url;               // after redirects
    std::string content_type, retry_after, etag, last_modified;  // of the final response
    std::string body;
    bool body_cut = false;  // max_body_bytes reached: `body` is the first part
    int attempts = 0;       // how many times this request was sent (see run)

    bool answered() const { return failure == Failure::none; }
};

/// How many requests run at once.
struct Limits {
    std::size_t max_in_flight = 32;  // over all hosts (0 counts as 1)
    std::size_t per_host = 4;        // to one host name (0 counts as 1)
};

/// After a response: nullopt when the request is settled, else the wait in
/// milliseconds before it is sent again (the caller may change it first).
using Decision = std::optional<long long>;

/// Sends every request of `requests` with libcurl's multi interface, at
/// most `limits` at once (queued requests wait without their clock
/// running; hosts take turns, so one big host does not hold up the rest).
/// After each attempt, `decide(index, response)` says whether the request
/// is settled or sent again after a wait; the response is then in
/// `responses[index]` (resized to match). With a `deadline`, no request
/// runs past it: those still running or waiting then end with
/// Failure::deadline and are settled without asking `decide` again.
/// Never throws for a network failure: that is a Response.
void run(std::vector<Request>& requests, std::vector<Response>& responses, const Limits& limits,
         std::optional<Clock::time_point> deadline,
         const std::function<Decision(std::size_t index, const Response& response)>& decide);

/// How long a Retry-After header asks to wait, in milliseconds: it holds
/// delta-seconds or an HTTP date (RFC 9110 §10.2.3). nullopt when it is
/// empty or neither.
std::optional<long long> retry_after_ms(const std::string& value);

/// Sends each request once, all at once, and gives their responses in order.
std::vector<Response> get_all(std::vector<Request> requests, const Limits& limits,
                              std::optional<Clock::time_point> deadline = std::nullopt);

}  // namespace lspgen::net
