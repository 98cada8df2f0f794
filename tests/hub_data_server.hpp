#pragma once

// A real HTTP server on 127.0.0.1 serving a partnership's data.json, for the
// hub's unit tests (tests/unit/hub/) and its whole-program ones (hub_test).
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include <httplib.h>

#include "model/dates.hpp"

namespace lspgen::test {

// A real HTTP server on a port the system picks, serving one data.json
// whose body, ETag and behaviour the test changes as it goes.
class DataServer {
  public:
    DataServer() {
        server_.Get("/data.json", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard<std::mutex> lock(mutex_);
            ++requests_;
            last_if_none_match_ = req.get_header_value("If-None-Match");
            if (delay_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
            if (status_ != 200) {
                res.status = status_;
                return;
            }
            last_if_modified_since_ = req.get_header_value("If-Modified-Since");
            if ((!etag_.empty() && last_if_none_match_ == etag_) ||
                (!last_modified_.empty() && last_if_modified_since_ == last_modified_)) {
                res.status = 304;
                return;
            }
            if (!etag_.empty()) res.set_header("ETag", etag_);
            if (!last_modified_.empty()) res.set_header("Last-Modified", last_modified_);
            if (truncate_) {
                // The server dies mid-answer: half the promised bytes, then
                // the connection closes.
                const std::string half = body_.substr(0, body_.size() / 2);
                res.set_content_provider(body_.size(), "application/json",
                                         [half](size_t offset, size_t, httplib::DataSink& sink) {
                                             if (offset == 0) sink.write(half.data(), half.size());
                                             return offset == 0;
                                         });
                return;
            }
            res.set_content(body_, "application/json");
        });
    }
    ~DataServer() { stop(); }
    void start() {
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    void stop() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/data.json"; }
    void serve(std::string body, std::string etag = "", int status = 200, int delay_ms = 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        body_ = std::move(body);
        etag_ = std::move(etag);
        status_ = status;
        delay_ms_ = delay_ms;
        last_modified_.clear();
        truncate_ = false;
    }
    void set_last_modified(std::string date) {
        std::lock_guard<std::mutex> lock(mutex_);
        last_modified_ = std::move(date);
    }
    void truncate() {
        std::lock_guard<std::mutex> lock(mutex_);
        truncate_ = true;
    }
    std::string last_if_modified_since() {
        std::lock_guard<std::mutex> lock(mutex_);
        return last_if_modified_since_;
    }
    int requests() {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_;
    }
    std::string last_if_none_match() {
        std::lock_guard<std::mutex> lock(mutex_);
        return last_if_none_match_;
    }

  private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    std::string body_, etag_, last_if_none_match_, last_modified_, last_if_modified_since_;
    bool truncate_ = false;
    int status_ = 200;
    int delay_ms_ = 0;
    int requests_ = 0;
};

inline constexpr const char* kRemoteData = R"({
  "partnership": {"slug": "remoteshire", "name": "Remoteshire Partnership",
                  "short_name": "Remoteshire LSP", "area": "Remoteshire", "county": "Surrey",
                  "website": "https://remoteshire.example/", "independent": true,
                  "key_documents": ["scs"]},
  "organizations": [{"id": "remoteshire", "contact_details": [{"type": "email", "value": "a@b.example"}]}],
  "persons": [{"id": "person/ann", "name": "Ann Example", "honorific_prefix": "Cllr"}],
  "posts": [{"id": "remoteshire/post/chair", "label": "Chair"},
            {"id": "remoteshire/post/vice-chair", "label": "Vice-chair"}],
  "memberships": [{"person_id": "person/ann", "post_id": "remoteshire/post/chair"}],
  "events": [{"id": "remoteshire/meeting/board-april", "name": "Partnership Board",
              "start_date": "2009-04-02T10:00:00", "status": "scheduled",
              "url": "meetings/board-april/"}],
  "documents": [{"id": "scs", "type": "sustainable-community-strategy",
                 "title": "Remoteshire Community Strategy", "url": "assets/scs.pdf"}]
}
)";

inline lspgen::Date march_2009() {
    return {2009, 3, 1};
}

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace lspgen::test
