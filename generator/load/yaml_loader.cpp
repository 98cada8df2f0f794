#include "load/yaml_loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <set>
#include <sstream>
#include <system_error>

#include "load/yaml_limits.hpp"

namespace lspgen::load {

RawNode::RawNode() = default;
RawNode::RawNode(const RawNode&) = default;
RawNode::RawNode(RawNode&&) noexcept = default;
RawNode& RawNode::operator=(const RawNode&) = default;
RawNode& RawNode::operator=(RawNode&&) noexcept = default;
RawNode::~RawNode() = default;

const RawNode* RawNode::find(const std::string& key) const {
    for (const auto& [k, v] : entries) {
        if (k.is_scalar() && k.scalar == key) return &v;
    }
    return nullptr;
}

namespace {

class Converter {
  public:
    Converter(const std::string& text, const std::string& path, int first_line,
              const YamlLimits& limits)
        : text_(text), path_(path), first_line_(first_line), limits_(limits) {}

    /// Converts yaml-cpp's tree; returns false when a limit was hit.
    bool convert(const YAML::Node& node, RawNode& out, size_t depth) {
        if (++count_ > limits_.max_nodes) {
            return fail(node, "the file holds more than " + std::to_string(limits_.max_nodes) +
                                  " values when each alias (*name) is counted as a copy of "
                                  "what it names; lspgen stops here");
        }
        if (depth > limits_.max_depth) {
            return fail(node, "the data is nested more than " + std::to_string(limits_.max_depth) +
                                  " levels deep here (lists or mappings inside one another); a "
                                  "site's files need only a few levels");
        }
        if (node.IsScalar()) {
            text_bytes_ += node.Scalar().size();
            if (text_bytes_ > limits_.max_text_bytes) {
                return fail(node,
                            "aliases (*name) repeat the text here until the file holds "
                            "more than " +
                                std::to_string(limits_.max_text_bytes / (1024 * 1024)) +
                                " MB of text; lspgen stops here");
            }
        }
        // The root of an empty document has no mark: it keeps line 1.
        if (const SourceLocation here = location(node.Mark());
            here.line > 0 || out.where.line == 0) {
            out.where = here;
        }
        switch (node.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null:
                out.kind = RawNode::Kind::null;
                return true;
            case YAML::NodeType::Scalar: {
                out.kind = RawNode::Kind::scalar;
                out.scalar = node.Scalar();
                // The file itself holds none (read_text_file refuses them), but
                // an escape in double quotes ("\e", "\u0001") can write one.
                if (const size_t at = find_control(out.scalar); at != std::string::npos) {
                    controls_.push_back({node.Mark(), control_code(out.scalar, at)});
                }
                out.quoted = node.Tag() == "!";
                const auto pos = static_cast<size_t>(node.Mark().pos);
                out.block = pos < text_.size() && (text_[pos] == '|' || text_[pos] == '>');
                if (out.block) {
                    // The text starts on the next line; its indentation is
                    // where the Markdown's column 1 sits in the file.
                    size_t line = text_.find('\n', pos);
                    size_t indent = 0;
                    while (line != std::string::npos && line + 1 + indent < text_.size() &&
                           text_[line + 1 + indent] == ' ') {
                        ++indent;
                    }
                    out.block_indent = static_cast<int>(indent);
                }
                return true;
            }
            case YAML::NodeType::Sequence:
                out.kind = RawNode::Kind::sequence;
                out.items.reserve(node.size());
                for (const auto& child : node) {
                    out.items.emplace_back();
                    if (!convert(child, out.items.back(), depth + 1)) return false;
                }
                return true;
            case YAML::NodeType::Map:
                out.kind = RawNode::Kind::mapping;
                out.entries.reserve(node.size());
                for (const auto& entry : node) {
                    out.entries.emplace_back();
                    if (!convert(entry.first, out.entries.back().first, depth + 1)) return false;
                    if (!convert(entry.second, out.entries.back().second, depth + 1)) return false;
                }
                return true;
        }
        return true;
    }

    SourceLocation location(const YAML::Mark& mark) const {
        if (mark.is_null()) return {path_, 0, 0};
        return {path_, mark.line + first_line_, mark.column + 1};
    }

    bool fail(const YAML::Node& node, std::string message) {
        failure_ = std::move(message);
        failure_at_ = node.Mark();
        return false;
    }

    const std::string& failure() const { return failure_; }
    const YAML::Mark& failure_at() const { return failure_at_; }

    /// A scalar holding a control character, and the character.
    struct Control {
        YAML::Mark at;
        unsigned code = 0;
    };
    const std::vector<Control>& controls() const { return controls_; }

  private:
    const std::string& text_;
    const std::string& path_;
    int first_line_;
    const YamlLimits& limits_;
    size_t count_ = 0;
    size_t text_bytes_ = 0;
    std::string failure_;
    YAML::Mark failure_at_ = YAML::Mark::null_mark();
    std::vector<Control> controls_;
};

// Why a control character written as an escape must go, in the words
// read_text_file uses for one typed into the file.
std::string control_message(unsigned code) {
    char point[8];
    std::snprintf(point, sizeof point, "U+%04X", code);
    const std::string what = std::string("this text holds an invisible control character (") +
                             point + (code == 0 ? ", a NUL byte" : "") +
                             ", written with a backslash escape)";
    if (code >= 0x80) {
        return what +
               ": it is what a curly quote, a dash or an ellipsis from Windows becomes after a "
               "wrong conversion; type that character instead";
    }
    return what + ", which is not allowed in a page or a feed; delete the escape";
}

// yaml-cpp's messages are terse; add what a person editing the file should
// check. `line` is the text of the line the error is on.
std::string explain(const std::string& message, const std::string& line) {
    // A tab in the indentation confuses yaml-cpp into many different
    // messages ("illegal block entry", "end of map not found"…): name the
    // tab whatever it said.
    const size_t text_start = line.find_first_not_of(" \t");
    const std::string indentation = line.substr(0, text_start);
    if (indentation.find('\t') != std::string::npos) {
        return message + " (the line is indented with a tab: YAML allows only spaces)";
    }
    static const std::pair<const char*, const char*> hints[] = {
        {"end of sequence flow not found", "a list opened with '[' is not closed with ']'"},
        {"end of map flow not found", "a mapping opened with '{' is not closed with '}'"},
        {"end of map not found", "check the indentation: fields of one entry must line up"},
        {"end of sequence not found", "check the indentation: entries of a list must line up"},
        {"illegal map value", "put text that contains ': ' in quotes"},
        {"unknown escape character",
         "in double quotes a backslash starts an escape; use single quotes"},
        {"end of string not found", "a quoted text is not closed"},
        {"illegal EOF in scalar", "a quoted text is not closed"},
        {"cannot read a tab", "YAML does not allow tabs for indentation; use spaces"},
        {"illegal tab", "YAML does not allow tabs for indentation; use spaces"},
    };
    for (const auto& [text, hint] : hints) {
        if (message.find(text) != std::string::npos) return message + " (" + hint + ")";
    }
    return message;
}

}  // namespace

std::optional<RawNode> parse_yaml(const std::string& text, const std::string& path,
                                  Diagnostics& diagnostics, int first_line,
                                  const YamlLimits& limits) {
    Converter converter(text, path, first_line, limits);
    RawNode root;
    root.where = {path, first_line, 1};
    auto report = [&](const YAML::Mark& mark, const std::string& message) {
        // yaml-cpp's marks are 0-based; ours are 1-based.
        SourceLocation where = converter.location(mark);
        if (where.line == 0) where = {path, first_line, 1};
        diagnostics.error(where, message);
    };
    // A limit was hit: point at its cause (the alias that expands too much,
    // the list nested too deep) rather than where the count ran out.
    auto report_breach = [&](const YAML::Mark& mark, const std::string& message) {
        const LimitBreach breach = find_limit_breach(text, limits);
        if (!breach.found) return report(mark, message);
        diagnostics.error({path, breach.line + first_line, breach.column + 1}, breach.message,
                          breach.length);
    };
    try {
        YAML::Node node = YAML::Load(text);
        if (!converter.convert(node, root, 0)) {
            report_breach(converter.failure_at(), converter.failure());
            return std::nullopt;
        }
        // Every such scalar of the file, once each (an alias repeats its
        // anchor's place).
        std::set<std::pair<int, int>> reported;
        for (const auto& control : converter.controls()) {
            if (!reported.insert({control.at.line, control.at.column}).second) continue;
            report(control.at, control_message(control.code));
        }
        if (!reported.empty()) return std::nullopt;
    } catch (const YAML::DeepRecursion& e) {
        // yaml-cpp's own guard (500 levels) marks the end of what it read.
        report_breach(e.mark, "the data is nested more than " + std::to_string(limits.max_depth) +
                                  " levels deep (lists or mappings inside one another)");
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        report(e.mark, "invalid YAML: " + explain(e.msg, source_line(text, line)));
        return std::nullopt;
    }
    root.where.path = path;
    return root;
}

}  // namespace lspgen::load
