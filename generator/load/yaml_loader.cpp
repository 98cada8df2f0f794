#include "load/yaml_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <system_error>

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
            failure_ = "the file expands to more than " + std::to_string(limits_.max_nodes) +
                       " YAML nodes (are aliases repeating a large anchor?)";
            return false;
        }
        if (depth > limits_.max_depth) {
            failure_ =
                "YAML is nested more than " + std::to_string(limits_.max_depth) + " levels deep";
            failure_at_ = node.Mark();
            return false;
        }
        out.where = location(node.Mark());
        switch (node.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null:
                out.kind = RawNode::Kind::null;
                return true;
            case YAML::NodeType::Scalar: {
                out.kind = RawNode::Kind::scalar;
                out.scalar = node.Scalar();
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

    const std::string& failure() const { return failure_; }
    const YAML::Mark& failure_at() const { return failure_at_; }

  private:
    const std::string& text_;
    const std::string& path_;
    int first_line_;
    const YamlLimits& limits_;
    size_t count_ = 0;
    std::string failure_;
    YAML::Mark failure_at_ = YAML::Mark::null_mark();
};

// yaml-cpp's messages are terse; add what a person editing the file should check.
std::string explain(const std::string& message) {
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
    try {
        YAML::Node node = YAML::Load(text);
        if (!converter.convert(node, root, 0)) {
            SourceLocation where = converter.location(converter.failure_at());
            if (where.line == 0) where = {path, first_line, 1};
            diagnostics.error(where, converter.failure());
            return std::nullopt;
        }
    } catch (const YAML::Exception& e) {
        // yaml-cpp's marks are 0-based; ours are 1-based.
        SourceLocation where = converter.location(e.mark);
        if (where.line == 0) where = {path, first_line, 1};
        diagnostics.error(where, "invalid YAML: " + explain(e.msg));
        return std::nullopt;
    }
    root.where.path = path;
    return root;
}

namespace {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t find_invalid_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = 0;
        if (c < 0x80)
            n = 0;
        else if ((c & 0xE0) == 0xC0 && c >= 0xC2)
            n = 1;
        else if ((c & 0xF0) == 0xE0)
            n = 2;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
            n = 3;
        else
            return i;
        for (size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return i;
        }
        i += n + 1;
    }
    return std::string::npos;
}

}  // namespace

std::optional<std::string> read_text_file(const std::filesystem::path& file,
                                          const std::string& path, Diagnostics& diagnostics) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
        diagnostics.error({path, 0, 0}, "expected a file but found a directory");
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        diagnostics.error({path, 0, 0},
                          "cannot read file: " + std::generic_category().message(errno));
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        diagnostics.error({path, 0, 0}, "cannot read file");
        return std::nullopt;
    }
    std::string text = buffer.str();
    // A UTF-8 byte order mark is harmless; drop it so columns stay right.
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    if (size_t bad = find_invalid_utf8(text); bad != std::string::npos) {
        int line = 1;
        size_t line_start = 0;
        for (size_t i = 0; i < bad; ++i) {
            if (text[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        }
        diagnostics.add_source(path, text.substr(0, bad));
        diagnostics.error({path, line, static_cast<int>(bad - line_start) + 1},
                          "the file is not valid UTF-8 (save it as UTF-8)");
        return std::nullopt;
    }
    diagnostics.add_source(path, text);
    return text;
}

}  // namespace lspgen::load
