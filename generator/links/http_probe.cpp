#include "links/http_probe.hpp"

#include <curl/curl.h>

#include <chrono>
#include <ctime>
#include <deque>
#include <memory>
#include <optional>
#include <queue>

#include "links/html_links.hpp"
#include "links/text.hpp"

namespace lspgen::links {

namespace {

using Clock = std::chrono::steady_clock;

bool accepted(long status, const ExternalOptions& options) {
    if (options.accepted_status.empty()) return status >= 200 && status < 300;
    return std::find(options.accepted_status.begin(), options.accepted_status.end(), status) !=
           options.accepted_status.end();
}

bool is_html(const std::string& content_type) {
    const std::string type =
        ascii_lower(trim_space(content_type.substr(0, content_type.find(';'))));
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

// Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3).
std::optional<long long> retry_after_ms(const std::string& value) {
    const std::string v = trim_space(value);
    if (v.empty()) return std::nullopt;
    if (std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return v.size() > 9 ? 999999999000LL : std::stoll(v) * 1000;
    }
    const time_t when = curl_getdate(v.c_str(), nullptr);
    if (when == -1) return std::nullopt;
    return std::max<long long>(0, (static_cast<long long>(when) - std::time(nullptr)) * 1000);
}

std::string attempts_text(int attempts) {
    return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

void init_curl_once() {
    static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
    (void)init;
}

// One URL on its way through the multi loop.
struct Transfer {
    Probe* probe = nullptr;
    const ExternalOptions* options = nullptr;
    bool use_get = false;
    int attempts = 0;
    int retries = 0;
    // What the current attempt has seen so far.
    CURL* easy = nullptr;
    std::vector<long> statuses;  // one per response in the redirect chain
    std::vector<std::string> locations;
    std::string content_type;
    std::string retry_after;
    std::string body;
    size_t bytes_seen = 0;
    bool aborted = false;  // we stopped the transfer on purpose
    bool truncated = false;
    char error_buffer[CURL_ERROR_SIZE] = {};

    bool wants_body() const {
        return !probe->fragments.empty() && !statuses.empty() &&
               accepted(statuses.back(), *options) && is_html(content_type);
    }
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        // A new response in the chain: forget what the previous one said.
        const size_t space = line.find(' ');
        long status = 0;
        if (space != std::string::npos) status = std::strtol(line.c_str() + space + 1, nullptr, 10);
        if (status >= 200) t.statuses.push_back(status);
        t.content_type.clear();
        t.retry_after.clear();
        t.body.clear();
        t.bytes_seen = 0;
        return line.size();
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) return line.size();
    const std::string name = ascii_lower(line.substr(0, colon));
    const std::string value = trim_space(line.substr(colon + 1));
    if (name == "location")
        t.locations.push_back(value);
    else if (name == "content-type")
        t.content_type = value;
    else if (name == "retry-after")
        t.retry_after = value;
    return line.size();
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const size_t n = size * count;
    const size_t cap = t.options->max_body_bytes;
    const long status = t.statuses.empty() ? 0 : t.statuses.back();
    if (status >= 300 && status < 400 && t.bytes_seen + n <= cap) {
        t.bytes_seen += n;  // the body of a redirect curl is following: small, ignored
        return n;
    }
    // Returning less than n makes curl abort with CURLE_WRITE_ERROR, which
    // finish() reads as "done": the status is already known by now.
    if (!t.wants_body()) {
        t.aborted = true;
        return 0;
    }
    if (t.body.size() + n > cap) {
        t.body.append(data, cap - t.body.size());
        t.aborted = t.truncated = true;
        return 0;
    }
    t.body.append(data, n);
    return n;
}

std::string transport_problem(CURLcode code, const Transfer& t) {
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return "timed out after " + attempts_text(t.attempts);
        case CURLE_COULDNT_RESOLVE_HOST:
            return "no such host";
        case CURLE_COULDNT_CONNECT:
            return "could not connect to the server";
        case CURLE_GOT_NOTHING:
            return "the server closed the connection without answering";
        case CURLE_PARTIAL_FILE:
            return "connection closed before the response was complete";
        case CURLE_RECV_ERROR:
            return "connection reset while reading the response";
        case CURLE_SEND_ERROR:
            return "connection reset while sending the request";
        case CURLE_UNSUPPORTED_PROTOCOL:
            return "redirected to a scheme other than http(s)";
        case CURLE_TOO_MANY_REDIRECTS: {
            // A loop shows as the same Location coming back.
            std::set<std::string> seen;
            for (const auto& location : t.locations) {
                if (!seen.insert(location).second) return "redirect loop";
            }
            return "more than " + std::to_string(t.options->max_redirects) + " redirects";
        }
        default:
            break;
    }
    std::string detail = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(code);
    return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR
               ? "TLS problem: " + detail
               : detail;
}

bool retryable(CURLcode code) {
    return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_RECV_ERROR ||
           code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE || code == CURLE_SEND_ERROR ||
           code == CURLE_COULDNT_CONNECT;
}

bool retryable(long status) {
    return status >= 500 || status == 408 || status == 429;
}

// What to do after an attempt.
struct Next {
    enum class Kind { done, get_instead, retry } kind = Kind::done;
    long long wait_ms = 0;
};

long long backoff_ms(const Transfer& t, bool use_retry_after) {
    const ExternalOptions& o = *t.options;
    long long wait = o.initial_backoff_ms;
    for (int i = 0; i < t.retries && wait < o.max_retry_after_ms; ++i) wait *= 2;
    if (use_retry_after) {
        if (auto asked = retry_after_ms(t.retry_after)) wait = *asked;
    }
    return std::clamp<long long>(wait, 0, o.max_retry_after_ms);
}

void check_fragments(Transfer& t) {
    ProbeOutcome& out = t.probe->outcome;
    if (t.probe->fragments.empty() || !t.use_get || !is_html(t.content_type)) return;
    const std::set<std::string> anchors = extract_links(t.body).anchors;
    for (const auto& fragment : t.probe->fragments) {
        if (anchors.count(fragment)) {
            out.fragments_found.insert(fragment);
        } else if (t.truncated) {
            out.fragment_problems[fragment] = {
                Finding::Severity::warning,
                "could not look for '" + fragment + "': only the first " +
                    std::to_string(t.options->max_body_bytes) + " bytes of the page were read"};
        } else {
            out.fragment_problems[fragment] = {Finding::Severity::error,
                                               "no element with id '" + fragment + "'"};
        }
    }
}

Next finish(Transfer& t, CURLcode code) {
    const ExternalOptions& o = *t.options;
    ProbeOutcome& out = t.probe->outcome;
    long status = 0;
    char* effective = nullptr;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &effective);
    out.status = status;
    out.final_url = effective ? effective : t.probe->url;
    out.moved_permanently = false;
    for (size_t i = 0; i + 1 < t.statuses.size(); ++i) {
        out.moved_permanently |= t.statuses[i] == 301 || t.statuses[i] == 308;
    }
    const bool answered = code == CURLE_OK || (code == CURLE_WRITE_ERROR && t.aborted);
    const bool can_retry = t.retries < o.max_retries;
    if (!answered) {
        if (retryable(code) && can_retry) return {Next::Kind::retry, backoff_ms(t, false)};
        out.error = transport_problem(code, t);
        if (code != CURLE_OPERATION_TIMEDOUT && t.attempts > 1) {
            out.error += " (" + attempts_text(t.attempts) + ")";
        }
        return {};
    }
    // Servers that do not do HEAD say so in several ways.
    if (!t.use_get && (status == 405 || status == 501 || status == 403 || status == 400)) {
        return {Next::Kind::get_instead, 0};
    }
    if (retryable(status) && can_retry) return {Next::Kind::retry, backoff_ms(t, true)};
    if (accepted(status, o)) {
        check_fragments(t);
        return {};
    }
    out.error = status == 0 ? "no HTTP response" : status_text(status);
    if (t.retries > 0) out.error += " after " + std::to_string(t.retries) + " retries";
    if (out.final_url != t.probe->url) out.error += " (redirected to " + out.final_url + ")";
    // Rate limiting says nothing about the link itself.
    if (status == 429) out.severity = Finding::Severity::warning;
    return {};
}

void start(Transfer& t, CURLM* multi, curl_slist* headers) {
    const ExternalOptions& o = *t.options;
    t.statuses.clear();
    t.locations.clear();
    t.content_type.clear();
    t.retry_after.clear();
    t.body.clear();
    t.bytes_seen = 0;
    t.aborted = t.truncated = false;
    t.error_buffer[0] = '\0';
    ++t.attempts;
    CURL* e = t.easy = curl_easy_init();
    curl_easy_setopt(e, CURLOPT_URL, t.probe->url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, static_cast<void*>(&t));
    if (t.use_get)
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    else
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(o.max_redirects));
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o.total_timeout_ms);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, o.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, static_cast<void*>(&t));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, static_cast<void*>(&t));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error_buffer);
    curl_multi_add_handle(multi, e);
}

// Runs every transfer to its outcome with the multi interface. Transfers
// wait in per-host queues, so no host has more than per_host of them in
// curl at once and none starts its timeout clock while queued; retries wait
// in a queue ordered by time, so a wait blocks no other transfer.
void run_transfers(std::vector<Transfer>& transfers, const ExternalOptions& o,
                   const std::function<void()>& settled) {
    struct Host {
        std::deque<Transfer*> ready;
        size_t running = 0;
    };
    using Wake = std::pair<Clock::time_point, Transfer*>;
    std::map<std::string, Host> hosts;
    std::priority_queue<Wake, std::vector<Wake>, std::greater<>> waiting;
    for (auto& t : transfers) hosts[t.probe->host].ready.push_back(&t);
    const size_t max_in_flight = std::max<size_t>(1, o.max_in_flight);
    const size_t per_host = std::max<size_t>(1, o.per_host);

    std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(),
                                                                curl_multi_cleanup);
    curl_multi_setopt(multi.get(), CURLMOPT_MAXCONNECTS, static_cast<long>(max_in_flight));
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
        curl_slist_append(nullptr, "Accept: text/html,application/xhtml+xml,*/*;q=0.8"),
        curl_slist_free_all);
    size_t running = 0;
    size_t queued = transfers.size();  // in a host's ready queue
    while (running > 0 || queued > 0 || !waiting.empty()) {
        const auto now = Clock::now();
        while (!waiting.empty() && waiting.top().first <= now) {
            hosts[waiting.top().second->probe->host].ready.push_back(waiting.top().second);
            ++queued;
            waiting.pop();
        }
        // Round-robin over hosts, one transfer each per pass, so that one
        // big host does not hold back the others.
        for (bool started = true; started && queued > 0 && running < max_in_flight;) {
            started = false;
            for (auto& [name, host] : hosts) {
                if (running >= max_in_flight) break;
                if (host.ready.empty() || host.running >= per_host) continue;
                start(*host.ready.front(), multi.get(), headers.get());
                host.ready.pop_front();
                --queued;
                ++host.running;
                ++running;
                started = true;
            }
        }
        long long timeout_ms = 1000;
        if (!waiting.empty()) {
            const auto due =
                std::chrono::ceil<std::chrono::milliseconds>(waiting.top().first - Clock::now());
            timeout_ms = std::clamp<long long>(due.count(), 0, timeout_ms);
        }
        curl_multi_poll(multi.get(), nullptr, 0, static_cast<int>(timeout_ms), nullptr);
        int still_running = 0;
        curl_multi_perform(multi.get(), &still_running);
        int left = 0;
        while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
            if (message->msg != CURLMSG_DONE) continue;
            CURL* easy = message->easy_handle;
            const CURLcode code = message->data.result;
            void* data = nullptr;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, &data);
            Transfer& t = *static_cast<Transfer*>(data);
            const Next next = finish(t, code);
            curl_multi_remove_handle(multi.get(), easy);
            curl_easy_cleanup(easy);
            t.easy = nullptr;
            --running;
            --hosts[t.probe->host].running;
            if (next.kind == Next::Kind::get_instead) {
                t.use_get = true;
                hosts[t.probe->host].ready.push_back(&t);
                ++queued;
            } else if (next.kind == Next::Kind::retry) {
                ++t.retries;
                waiting.push({Clock::now() + std::chrono::milliseconds(next.wait_ms), &t});
            } else {
                settled();
            }
        }
    }
}

}  // namespace

void run_probes(std::vector<Probe>& probes, const ExternalOptions& options,
                const std::function<void()>& settled) {
    init_curl_once();
    std::vector<Transfer> transfers(probes.size());
    for (size_t i = 0; i < probes.size(); ++i) {
        transfers[i].probe = &probes[i];
        transfers[i].options = &options;
        transfers[i].use_get = !probes[i].fragments.empty();  // fragments need the page
    }
    run_transfers(transfers, options, settled);
}

std::string host_of(const std::string& url) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
    char* host = nullptr;
    if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
        curl_url_get(u.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK || !host) {
        return {};
    }
    std::string name = ascii_lower(host);
    curl_free(host);
    return name;
}

}  // namespace lspgen::links
