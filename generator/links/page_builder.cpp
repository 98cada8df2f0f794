#include "links/page_builder.hpp"

#include <algorithm>

namespace lspgen::links {

namespace {

/// What an attribute is to the builder. One switch on the first letter, not
/// a dozen comparisons an attribute: a region has some 30 million of them.
enum class Attribute {
    other,
    id,
    name,
    alt,
    src,
    srcset,
    srcdoc,
    url,
    usemap,
    http_equiv,
    content,
    ignore
};

Attribute classify(std::string_view name) {
    switch (name.empty() ? '\0' : name[0]) {
        case 'i':
            if (name == "id") return Attribute::id;
            if (name == "imagesrcset") return Attribute::srcset;
            break;
        case 'n':
            if (name == "name") return Attribute::name;
            break;
        case 'a':
            if (name == "alt") return Attribute::alt;
            if (name == "action") return Attribute::url;
            break;
        case 's':
            if (name == "src") return Attribute::src;
            if (name == "srcset") return Attribute::srcset;
            if (name == "srcdoc") return Attribute::srcdoc;
            break;
        case 'h':
            if (name == "href") return Attribute::url;
            if (name == "http-equiv") return Attribute::http_equiv;
            break;
        case 'p':
            if (name == "poster") return Attribute::url;
            break;
        case 'c':
            if (name == "cite") return Attribute::url;
            if (name == "content") return Attribute::content;
            break;
        case 'd':
            if (name == "data") return Attribute::url;
            if (name == "data-lspgen-ignore") return Attribute::ignore;
            break;
        case 'f':
            if (name == "formaction") return Attribute::url;
            break;
        case 'l':
            if (name == "longdesc") return Attribute::url;
            break;
        case 'b':
            if (name == "background") return Attribute::url;
            break;
        case 'u':
            if (name == "usemap") return Attribute::usemap;
            break;
        default:
            break;
    }
    return Attribute::other;
}

bool is_html_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool equals_ascii_ci(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x >= 'A' && x <= 'Z' ? x + ('a' - 'A') : x) == y;
           });
}

}  // namespace

// The HTML standard's "shared declarative refresh steps": a time (digits and
// dots), then ';' or ',', then optionally "url=", then the URL, in quotes or
// to the end.
bool refresh_url(std::string_view content, std::string_view& url) {
    size_t at = 0;
    auto skip_space = [&] {
        while (at < content.size() && is_html_space(content[at])) ++at;
    };
    skip_space();
    const size_t time_at = at;
    while (at < content.size() &&
           ((content[at] >= '0' && content[at] <= '9') || content[at] == '.')) {
        ++at;
    }
    if (at == time_at) return false;  // no time: not a refresh
    skip_space();
    if (at < content.size() && (content[at] == ';' || content[at] == ',')) ++at;
    skip_space();
    if (at >= content.size()) return false;  // a reload of the page itself
    const size_t url_at = at;
    if (content.size() - at >= 3 && equals_ascii_ci(content.substr(at, 3), "url")) {
        at += 3;
        skip_space();
        if (at < content.size() && content[at] == '=') {
            ++at;
            skip_space();
        } else {
            at = url_at;  // "url" was the start of the URL itself
        }
    }
    char quote = 0;
    if (at < content.size() && (content[at] == '"' || content[at] == '\'')) quote = content[at++];
    size_t end = quote ? content.find(quote, at) : content.size();
    if (end == std::string_view::npos) end = content.size();
    while (end > at && is_html_space(content[end - 1])) --end;
    url = content.substr(at, end - at);
    return true;
}

void PageBuilder::add_link(std::string_view url, const TagAttribute& attribute,
                           std::string_view tag, std::string_view as_attribute) {
    page_.links.push_back({std::string(url),
                           std::string(as_attribute.empty() ? attribute.name : as_attribute),
                           std::string(tag), attribute.line, attribute.column});
}

// srcset="a.jpg 1x, b.jpg 2x": the URLs are the first word of each entry.
void PageBuilder::add_srcset(const TagAttribute& attribute, std::string_view tag) {
    const std::string_view value = attribute.value;
    size_t at = 0;
    while (at < value.size()) {
        at = value.find_first_not_of(" \t\n\r\f,", at);
        if (at == std::string_view::npos) break;
        const size_t end = value.find_first_of(" \t\n\r\f", at);
        std::string_view url = value.substr(at, end == std::string_view::npos ? end : end - at);
        // A URL may itself end with a comma when no descriptor follows.
        while (!url.empty() && url.back() == ',') url.remove_suffix(1);
        add_link(url, attribute, tag);
        at = value.find(',', end == std::string_view::npos ? value.size() : end);
        if (at == std::string_view::npos) break;
        ++at;
    }
}

void PageBuilder::add_problem(ElementProblem::Kind kind, std::string_view tag, std::string_view src,
                              int line, int column) {
    page_.element_problems.push_back({kind, std::string(tag), std::string(src), line, column});
}

void PageBuilder::start(std::string_view tag, const std::vector<TagAttribute>& attributes, int line,
                        int column) {
    ++depth_;
    const size_t links_before = page_.links.size();
    const TagAttribute* src = nullptr;
    const TagAttribute* alt = nullptr;
    const TagAttribute* content = nullptr;
    bool has_srcset = false;
    bool has_srcdoc = false;
    bool refresh = false;
    bool ignore = ignored_from_ > 0;
    for (const TagAttribute& attribute : attributes) {
        const std::string_view value = attribute.value;
        switch (classify(attribute.name)) {
            case Attribute::id:
                if (!value.empty()) page_.anchors.emplace(value);
                break;
            case Attribute::name:
                if (value.empty()) break;
                if (tag == "a") page_.anchors.emplace(value);
                if (tag == "map") page_.map_names.emplace(value);
                break;
            case Attribute::alt:
                alt = &attribute;
                break;
            case Attribute::src:
                src = &attribute;
                add_link(value, attribute, tag);
                break;
            case Attribute::srcset:
                has_srcset = true;
                add_srcset(attribute, tag);
                break;
            case Attribute::srcdoc:
                has_srcdoc = true;
                break;
            case Attribute::url:
                // <base href> is not a link: it is what the links resolve against.
                if (tag == "base" && attribute.name == "href") {
                    if (!page_.has_base) {
                        page_.has_base = true;
                        page_.base_href = value;
                    }
                    break;
                }
                add_link(value, attribute, tag);
                break;
            case Attribute::usemap:
                add_link(value, attribute, tag);
                break;
            case Attribute::http_equiv:
                refresh = tag == "meta" && equals_ascii_ci(value, "refresh");
                break;
            case Attribute::content:
                content = &attribute;
                break;
            case Attribute::ignore:
                ignore = true;
                break;
            case Attribute::other:
                break;
        }
    }
    if (ignore) {
        // Its ids stay anchors; nothing in it is a link or a problem.
        page_.links.resize(links_before);
        if (ignored_from_ == 0) ignored_from_ = depth_;
        return;
    }
    std::string_view url;
    if (refresh && content && refresh_url(content->value, url)) add_link(url, *content, tag);

    using Kind = ElementProblem::Kind;
    const std::string_view src_value = src ? src->value : std::string_view();
    if (tag == "img") {
        if (!src && !has_srcset) add_problem(Kind::no_source, tag, {}, line, column);
        if (!alt) {
            add_problem(Kind::no_alt, tag, src_value, line, column);
        } else if (!alt->value.empty() &&
                   std::all_of(alt->value.begin(), alt->value.end(), is_html_space)) {
            add_problem(Kind::blank_alt, tag, src_value, line, column);
        }
    } else if (tag == "source") {
        if (!src && !has_srcset) add_problem(Kind::no_source, tag, {}, line, column);
        if (!media_.empty()) media_.back().has_source = true;
    } else if (tag == "embed") {
        if (!src) add_problem(Kind::no_source, tag, {}, line, column);
    } else if (tag == "iframe") {
        if (!src && !has_srcdoc) add_problem(Kind::no_source, tag, {}, line, column);
    } else if ((tag == "audio" || tag == "video") && !src) {
        // A problem unless a <source> comes inside: kept in its place meanwhile.
        media_.push_back({page_.element_problems.size(), depth_});
        add_problem(Kind::no_source, tag, {}, line, column);
    }
}

void PageBuilder::end() {
    if (depth_ == ignored_from_) ignored_from_ = 0;
    if (!media_.empty() && media_.back().depth == depth_) {
        if (media_.back().has_source) {
            auto& problems = page_.element_problems;
            problems.erase(problems.begin() + static_cast<std::ptrdiff_t>(media_.back().problem));
        }
        media_.pop_back();
    }
    if (depth_ > 0) --depth_;
}

}  // namespace lspgen::links
