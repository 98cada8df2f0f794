#include "load/yaml_limits.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <sstream>
#include <vector>

namespace lspgen::load {

namespace {

class LimitFinder : public YAML::EventHandler {
  public:
    struct Found {
        YAML::Mark mark;
        std::string message;
        int length = 1;
    };

    LimitFinder(const std::string& text, const YamlLimits& limits) : text_(text), limits_(limits) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { value(mark, anchor, 0); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  const std::string& text) override {
        value(mark, anchor, text.size());
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const auto it = sizes_.find(anchor);
        if (it == sizes_.end()) return;  // yaml-cpp reports an unknown alias itself
        values_ += it->second.values;
        bytes_ += it->second.bytes;
        check(mark, true);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnMapEnd() override { close(); }

  private:
    struct Size {
        size_t values = 0;
        size_t bytes = 0;
    };
    struct Open {
        YAML::anchor_t anchor;
        Size at_start;
    };

    void value(const YAML::Mark& mark, YAML::anchor_t anchor, size_t bytes) {
        ++values_;
        bytes_ += bytes;
        check(mark, false);
        if (anchor) sizes_[anchor] = {1, bytes};
    }
    void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
        // The parser's depth 0 is the root container; one more than the
        // limit is a value nested past it.
        if (open_.size() + 1 > limits_.max_depth + 1) {
            throw Found{mark, "the data is nested more than " + std::to_string(limits_.max_depth) +
                                  " levels deep here (lists or mappings inside one another); a "
                                  "site's files need only a few levels"};
        }
        ++values_;
        check(mark, false);
        open_.push_back({anchor, {values_ - 1, bytes_}});
    }
    void close() {
        if (open_.empty()) return;
        const Open o = open_.back();
        open_.pop_back();
        if (o.anchor) sizes_[o.anchor] = {values_ - o.at_start.values, bytes_ - o.at_start.bytes};
    }
    // The name of the alias written at `mark`: "*laughs".
    std::string alias_at(const YAML::Mark& mark) const {
        const size_t start = static_cast<size_t>(mark.pos);
        size_t end = start + 1;
        while (end < text_.size() &&
               std::string(" \t\r\n,]}").find(text_[end]) == std::string::npos) {
            ++end;
        }
        return start < text_.size() ? text_.substr(start, end - start) : "*";
    }
    void check(const YAML::Mark& mark, bool alias) {
        const bool too_many = values_ > limits_.max_nodes;
        const bool too_much = bytes_ > limits_.max_text_bytes;
        if (!too_many && !too_much) return;
        const std::string what =
            too_many ? std::to_string(limits_.max_nodes) + " values"
                     : std::to_string(limits_.max_text_bytes / (1024 * 1024)) + " MB of text";
        if (!alias) throw Found{mark, "the file holds more than " + what + "; lspgen stops here"};
        const std::string name = alias_at(mark);
        throw Found{mark,
                    "this alias (" + name + ") brings the file past " + what +
                        ", counting each alias as a copy of what its anchor (&" + name.substr(1) +
                        ") names; lspgen stops here",
                    static_cast<int>(name.size())};
    }

    const std::string& text_;
    const YamlLimits& limits_;
    size_t values_ = 0;
    size_t bytes_ = 0;
    std::vector<Open> open_;
    std::map<YAML::anchor_t, Size> sizes_;
};

}  // namespace

LimitBreach find_limit_breach(const std::string& text, const YamlLimits& limits) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    LimitFinder finder(text, limits);
    LimitBreach breach;
    try {
        parser.HandleNextDocument(finder);
    } catch (const LimitFinder::Found& found) {
        breach.found = !found.mark.is_null();
        breach.line = found.mark.line;
        breach.column = found.mark.column;
        breach.length = found.length;
        breach.message = found.message;
    } catch (const YAML::Exception&) {
    }
    return breach;
}

}  // namespace lspgen::load
