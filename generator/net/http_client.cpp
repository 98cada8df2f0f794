#include "net/http_client.hpp"

#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <deque>
#include <map>
#include <memory>
#include <queue>

#include "net/address_guard.hpp"
#include "net/url_parts.hpp"

namespace lspgen::net {

namespace {

void init_curl_once() {
    static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
    (void)init;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trimmed(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// One request on its way through the multi loop.
struct Transfer {
    std::size_t index = 0;
    Request* request = nullptr;
    Response* response = nullptr;
    std::string host;
    CURL* easy = nullptr;
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers{nullptr,
                                                                        curl_slist_free_all};
    AddressGuard guard;
    bool clipped = false;  // its timeout was cut short by the deadline
    bool aborted = false;  // stopped on purpose: the answer is known
    bool refused = false;  // the address guard said no
    std::optional<bool> wants;
    std::size_t redirect_bytes = 0;
    char error_buffer[CURL_ERROR_SIZE] = {};
};

// Called by libcurl for every connection it opens: the address guard
// decides before a byte is sent.
curl_socket_t on_open_socket(void* user, curlsocktype, curl_sockaddr* address) {
    auto& t = *static_cast<Transfer*>(user);
    long redirects = 0;
    curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_COUNT, &redirects);
    const std::string text = numeric_text(&address->addr);
    if (!t.guard.allow(text, redirects, t.response->refused)) {
        t.refused = true;
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    Response& r = *t.response;
    const std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        // A reused connection opens no socket: the guard looks at the
        // address the response came from, before its body is read.
        long redirects = 0;
        char* ip = nullptr;
        curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_COUNT, &redirects);
        curl_easy_getinfo(t.easy, CURLINFO_PRIMARY_IP, &ip);
        if (ip && !t.guard.allow(ip, redirects, r.refused)) {
            t.refused = true;
            return 0;
        }
        // A new response in the chain: forget what the previous one said.
        const size_t space = line.find(' ');
        long status = 0;
        if (space != std::string::npos) status = std::strtol(line.c_str() + space + 1, nullptr, 10);
        if (status >= 200) r.statuses.push_back(status);
        r.content_type.clear();
        r.retry_after.clear();
        r.etag.clear();
        r.last_modified.clear();
        r.body.clear();
        t.redirect_bytes = 0;
        t.wants.reset();
        return line.size();
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) return line.size();
    const std::string name = lower(line.substr(0, colon));
    const std::string value = trimmed(line.substr(colon + 1));
    if (name == "location") r.locations.push_back(value);
    if (name == "content-type") r.content_type = value;
    if (name == "retry-after") r.retry_after = value;
    if (name == "etag") r.etag = value;
    if (name == "last-modified") r.last_modified = value;
    return line.size();
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    Response& r = *t.response;
    const size_t n = size * count;
    const size_t cap = t.request->max_body_bytes;
    const long status = r.statuses.empty() ? 0 : r.statuses.back();
    if (status >= 300 && status < 400 && t.redirect_bytes + n <= cap) {
        t.redirect_bytes += n;  // the body of a redirect being followed: small, ignored
        return n;
    }
    if (!t.wants) t.wants = !t.request->wants_body || t.request->wants_body(r);
    // Returning less than n makes curl stop with CURLE_WRITE_ERROR, which
    // finish() reads as an answer: the status is known by now.
    if (!*t.wants) {
        t.aborted = true;
        return 0;
    }
    if (r.body.size() + n > cap) {
        r.body.append(data, cap - r.body.size());
        r.body_cut = t.aborted = true;
        return 0;
    }
    r.body.append(data, n);
    return n;
}

Failure failure_of(CURLcode code) {
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return Failure::timeout;
        case CURLE_COULDNT_RESOLVE_HOST:
            return Failure::no_such_host;
        case CURLE_COULDNT_CONNECT:
            return Failure::cannot_connect;
        case CURLE_GOT_NOTHING:
            return Failure::closed_without_answer;
        case CURLE_PARTIAL_FILE:
            return Failure::partial;
        case CURLE_RECV_ERROR:
            return Failure::reset_receiving;
        case CURLE_SEND_ERROR:
            return Failure::reset_sending;
        case CURLE_UNSUPPORTED_PROTOCOL:
            return Failure::bad_scheme;
        case CURLE_TOO_MANY_REDIRECTS:
            return Failure::too_many_redirects;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
            return Failure::tls;
        default:
            return Failure::other;
    }
}

void finish(Transfer& t, CURLcode code) {
    Response& r = *t.response;
    char* effective = nullptr;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &r.status);
    curl_easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &effective);
    r.final_url = effective ? effective : t.request->url;
    if (t.refused) {
        r.failure = Failure::private_address;
    } else if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && t.aborted)) {
        r.failure = failure_of(code);
        if (r.failure == Failure::timeout && t.clipped) r.failure = Failure::deadline;
    }
    if (!r.answered())
        r.failure_text = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(code);
}

void start(Transfer& t, CURLM* multi, std::optional<Clock::time_point> deadline) {
    const Request& q = *t.request;
    Response& r = *t.response;
    const int attempts = r.attempts + 1;
    r = Response{};
    r.attempts = attempts;
    t.aborted = t.refused = false;
    t.wants.reset();
    t.redirect_bytes = 0;
    t.error_buffer[0] = '\0';
    t.guard = AddressGuard{};
    long timeout = q.timeout_ms;
    long connect_timeout = q.connect_timeout_ms;
    t.clipped = false;
    if (deadline) {
        const auto left =
            std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
        t.clipped = left < timeout;
        timeout = static_cast<long>(std::clamp<long long>(left, 1, timeout));
        connect_timeout = std::min(connect_timeout, timeout);
    }
    curl_slist* headers = nullptr;
    for (const auto& header : q.headers) {
        if (header.find_first_of("\r\n") == std::string::npos) {
            headers = curl_slist_append(headers, header.c_str());
        }
    }
    t.headers.reset(headers);
    CURL* e = t.easy = curl_easy_init();
    curl_easy_setopt(e, CURLOPT_URL, q.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, static_cast<void*>(&t));
    if (q.head)
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    else
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(q.max_redirects));
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, q.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers.get());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, static_cast<void*>(&t));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, static_cast<void*>(&t));
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, static_cast<void*>(&t));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error_buffer);
    if (q.fresh_connections) curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    curl_multi_add_handle(multi, e);
}

void stop(Transfer& t, CURLM* multi) {
    curl_multi_remove_handle(multi, t.easy);
    curl_easy_cleanup(t.easy);
    t.easy = nullptr;
    t.headers.reset();
}

}  // namespace

void run(std::vector<Request>& requests, std::vector<Response>& responses, const Limits& limits,
         std::optional<Clock::time_point> deadline,
         const std::function<Decision(std::size_t index, const Response& response)>& decide) {
    init_curl_once();
    responses.resize(requests.size());
    std::vector<Transfer> transfers(requests.size());
    struct Host {
        std::deque<Transfer*> ready;
        std::size_t running = 0;
    };
    using Wake = std::pair<Clock::time_point, Transfer*>;
    std::map<std::string, Host> hosts;
    std::priority_queue<Wake, std::vector<Wake>, std::greater<>> waiting;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        Transfer& t = transfers[i];
        t.index = i;
        t.request = &requests[i];
        t.response = &responses[i];
        t.host = host_of(requests[i].url);
        hosts[t.host].ready.push_back(&t);
    }
    const std::size_t max_in_flight = std::max<std::size_t>(1, limits.max_in_flight);
    const std::size_t per_host = std::max<std::size_t>(1, limits.per_host);
    std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(),
                                                                curl_multi_cleanup);
    curl_multi_setopt(multi.get(), CURLMOPT_MAXCONNECTS, static_cast<long>(max_in_flight));

    std::size_t running = 0;
    std::size_t queued = transfers.size();  // in a host's ready queue
    // After an attempt: settled, or back in a queue after its wait.
    auto after = [&](Transfer& t) {
        const Decision again = decide(t.index, *t.response);
        if (!again) return;
        const auto when = Clock::now() + std::chrono::milliseconds(std::max(0LL, *again));
        if (deadline && when >= *deadline) return;  // no time left: the last answer stands
        waiting.push({when, &t});
    };
    auto past_deadline = [&](Transfer& t) {
        Response& r = *t.response;
        r.failure = Failure::deadline;
        r.failure_text = "the deadline passed";
        decide(t.index, r);  // settled whatever it says
    };
    while (running > 0 || queued > 0 || !waiting.empty()) {
        const auto now = Clock::now();
        if (deadline && now >= *deadline) {
            for (auto& t : transfers) {
                if (!t.easy) continue;
                stop(t, multi.get());
                past_deadline(t);
            }
            for (auto& [name, host] : hosts) {
                for (Transfer* t : host.ready) past_deadline(*t);
            }
            for (; !waiting.empty(); waiting.pop()) past_deadline(*waiting.top().second);
            return;
        }
        while (!waiting.empty() && waiting.top().first <= now) {
            hosts[waiting.top().second->host].ready.push_back(waiting.top().second);
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
                start(*host.ready.front(), multi.get(), deadline);
                host.ready.pop_front();
                --queued;
                ++host.running;
                ++running;
                started = true;
            }
        }
        auto wait_until = Clock::now() + std::chrono::seconds(1);
        if (!waiting.empty()) wait_until = std::min(wait_until, waiting.top().first);
        if (deadline) wait_until = std::min(wait_until, *deadline);
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wait_until - Clock::now());
        curl_multi_poll(multi.get(), nullptr, 0,
                        static_cast<int>(std::clamp<long long>(wait.count(), 0, 1000)), nullptr);
        int still_running = 0;
        curl_multi_perform(multi.get(), &still_running);
        int left = 0;
        while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
            if (message->msg != CURLMSG_DONE) continue;
            const CURLcode code = message->data.result;
            void* data = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &data);
            Transfer& t = *static_cast<Transfer*>(data);
            finish(t, code);
            stop(t, multi.get());
            --running;
            --hosts[t.host].running;
            after(t);
        }
    }
}

std::optional<long long> retry_after_ms(const std::string& value) {
    const std::string v = trimmed(value);
    if (v.empty()) return std::nullopt;
    if (std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return v.size() > 9 ? 999999999000LL : std::stoll(v) * 1000;
    }
    const time_t when = curl_getdate(v.c_str(), nullptr);
    if (when == -1) return std::nullopt;
    return std::max<long long>(0, (static_cast<long long>(when) - std::time(nullptr)) * 1000);
}

std::vector<Response> get_all(std::vector<Request> requests, const Limits& limits,
                              std::optional<Clock::time_point> deadline) {
    std::vector<Response> responses;
    run(requests, responses, limits, deadline,
        [](std::size_t, const Response&) { return Decision{}; });
    return responses;
}

}  // namespace lspgen::net
