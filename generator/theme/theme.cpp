#include "theme/theme.hpp"

#include <kainjow/mustache.hpp>

#include <unistd.h>
#include <algorithm>
#include <functional>

#include "load/yaml_loader.hpp"

namespace lspgen {

namespace fs = std::filesystem;
namespace mustache = kainjow::mustache;

struct Theme::Template {
    std::string display_path;
    std::string text;
    mutable mustache::mustache parsed;  // kainjow renders through a non-const API
    explicit Template(std::string path, std::string source)
        : display_path(std::move(path)), text(std::move(source)), parsed(text) {}
};

Theme::Theme() = default;
Theme::Theme(Theme&&) noexcept = default;
Theme& Theme::operator=(Theme&&) noexcept = default;
Theme::~Theme() = default;

namespace {

const char* const kRequiredLayouts[] = {
    "base",    "home", "members", "member", "meetings", "meeting",   "documents", "how-we-work",
    "contact", "page", "404",     "jargon", "news",     "news-item", "events",    "performance"};

// Turns a byte offset of a template into its line and column.
SourceLocation locate_offset(const std::string& path, const std::string& text, size_t offset) {
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return {path, line, static_cast<int>(offset - line_start) + 1};
}

/// One Mustache tag: its kind ('#', '^', '/', '>', '&', '!', '=' or 'v' for
/// a variable), its name, where it starts and its text as written.
struct Tag {
    char kind = 'v';
    std::string name;
    size_t offset = 0;
    std::string written;
};

std::string trimmed(const std::string& s) {
    const size_t first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

/// The tags of a template in order, following set-delimiter tags the way
/// kainjow does. Stops at a tag that is not closed (kainjow reports it).
std::vector<Tag> template_tags(const std::string& text) {
    std::vector<Tag> tags;
    std::string open = "{{";
    std::string close = "}}";
    size_t at = 0;
    while ((at = text.find(open, at)) != std::string::npos) {
        size_t contents = at + open.size();
        std::string end = close;
        const bool triple = open == "{{" && contents < text.size() && text[contents] == '{';
        if (triple) {
            ++contents;
            end = "}}}";
        }
        const size_t stop = text.find(end, contents);
        if (stop == std::string::npos) break;
        Tag tag;
        tag.offset = at;
        tag.written = text.substr(at, stop + end.size() - at);
        const std::string inside = trimmed(text.substr(contents, stop - contents));
        if (triple) {
            tag.kind = '&';
            tag.name = inside;
        } else if (!inside.empty() && std::string("#^/>&!=").find(inside[0]) != std::string::npos) {
            tag.kind = inside[0];
            tag.name = trimmed(inside.substr(1));
        } else {
            tag.name = inside;
        }
        at = stop + end.size();
        if (tag.kind == '=' && inside.size() >= 2 && inside.back() == '=') {
            // {{=<% %>=}}: new delimiters from here on.
            const std::string pair = trimmed(inside.substr(1, inside.size() - 2));
            const size_t space = pair.find_first_of(" \t");
            if (space == std::string::npos) break;
            open = pair.substr(0, space);
            close = trimmed(pair.substr(space));
            if (open.empty() || close.empty()) break;
        }
        tags.push_back(std::move(tag));
    }
    return tags;
}

/// Sections nested deeper than this are refused before kainjow sees them:
/// it keeps a copy of each section's text, so deep nesting costs memory
/// quadratically, and it walks sections recursively.
constexpr int kMaxSectionDepth = 32;

/// Reports sections nested more than kMaxSectionDepth deep; false if so.
bool check_section_depth(const std::string& path, const std::string& text,
                         const std::vector<Tag>& tags, Diagnostics& diagnostics) {
    int depth = 0;
    for (const Tag& tag : tags) {
        if (tag.kind == '#' || tag.kind == '^') {
            if (++depth > kMaxSectionDepth) {
                diagnostics.error(locate_offset(path, text, tag.offset),
                                  "template error: sections ({{#…}} or {{^…}}) are nested more "
                                  "than " +
                                      std::to_string(kMaxSectionDepth) +
                                      " deep here; a theme needs only a few levels",
                                  static_cast<int>(tag.written.size()));
                return false;
            }
        } else if (tag.kind == '/' && depth > 0) {
            --depth;
        }
    }
    return true;
}

// kainjow reports `Unclosed section "x" at 123`: say it in words, at the
// line and column of the template file that the byte offset is.
void report_template_error(const std::string& path, const std::string& text,
                           const std::string& message, Diagnostics& diagnostics) {
    const size_t at = message.rfind(" at ");
    if (at == std::string::npos ||
        message.find_first_not_of("0123456789", at + 4) != std::string::npos) {
        diagnostics.error({path, 0, 0}, "template error: " + message);
        return;
    }
    const size_t offset = std::stoul(message.substr(at + 4));
    const std::string what = message.substr(0, at);
    Tag tag;
    for (const Tag& t : template_tags(text)) {
        if (t.offset == offset) tag = t;
    }
    std::string explained = what;
    if (what.rfind("Unclosed section", 0) == 0 && !tag.written.empty()) {
        explained = "the section " + tag.written + " is never closed: add {{/" + tag.name +
                    "}} where it ends";
    } else if (what.rfind("Unopened section", 0) == 0 && !tag.written.empty()) {
        explained = tag.written + " closes a section that is not open here (no {{#" + tag.name +
                    "}} or {{^" + tag.name + "}} before it)";
    } else if (what.rfind("Unclosed tag", 0) == 0) {
        explained = "this tag is never closed with }}";
    }
    diagnostics.error(locate_offset(path, text, offset), "template error: " + explained,
                      tag.written.empty() ? 2 : static_cast<int>(tag.written.size()));
}

/// A partial as loaded: where it came from and the partials it includes.
struct PartialSource {
    std::string display_path;
    std::string text;
    std::vector<Tag> includes;
};

/// Reports each loop of partials that include one another: kainjow would
/// render it until the stack overflows. False when there is one.
bool check_partial_loops(const std::map<std::string, PartialSource>& partials,
                         Diagnostics& diagnostics) {
    enum class Mark { unseen, open, done };
    std::map<std::string, Mark> marks;
    std::vector<std::string> path;  // the partials being followed, outermost first
    bool ok = true;
    std::function<void(const std::string&)> visit = [&](const std::string& name) {
        marks[name] = Mark::open;
        path.push_back(name);
        const PartialSource& source = partials.at(name);
        for (const Tag& include : source.includes) {
            if (!partials.count(include.name)) continue;  // kainjow renders nothing
            const Mark mark = marks[include.name];
            if (mark == Mark::open) {
                std::string message;
                if (include.name == name) {
                    message = "template error: the partial '" + name +
                              "' includes itself, so rendering it would never end";
                } else {
                    std::string chain;
                    const auto first = std::find(path.begin(), path.end(), include.name);
                    for (auto it = first; it != path.end(); ++it)
                        chain += "'" + *it + "' includes ";
                    message = "template error: partials include one another in a loop (" + chain +
                              "'" + include.name + "' again), so rendering would never end";
                }
                diagnostics.error(locate_offset(source.display_path, source.text, include.offset),
                                  message, static_cast<int>(include.written.size()));
                ok = false;
            } else if (mark == Mark::unseen) {
                visit(include.name);
            }
        }
        path.pop_back();
        marks[name] = Mark::done;
    };
    for (const auto& [name, source] : partials) {
        if (marks[name] == Mark::unseen) visit(name);
    }
    return ok;
}

/// A context that resolves {{> name}} from the theme's partials before the data.
class ThemeContext : public mustache::context<std::string> {
  public:
    ThemeContext(const TemplateData* data, const std::map<std::string, TemplateData>& partials)
        : mustache::context<std::string>(data), partials_(partials) {}
    const TemplateData* get_partial(const std::string& name) const override {
        auto it = partials_.find(name);
        return it == partials_.end() ? nullptr : &it->second;
    }

  private:
    const std::map<std::string, TemplateData>& partials_;
};

// Why a directory entry that is not a regular file cannot be used: a link
// that loops or leads nowhere. Empty for anything else (a folder, or a link
// to one, which the listing does not follow).
std::string unusable(const fs::directory_entry& entry) {
    std::error_code ec;
    if (!entry.is_symlink(ec) || fs::exists(fs::status(entry.path(), ec))) return {};
    return load::file_problem(entry.path());
}

// Collects "layouts/x.mustache"-style relative names of every file under
// dir. A link that leads nowhere, or a folder that cannot be read, is an
// error: skipping it would quietly build with the theme's own file instead.
void list_files(const fs::path& dir, const std::string& display_dir,
                std::map<std::string, fs::path>& files, Diagnostics& diagnostics) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string rel = it->path().lexically_relative(dir).generic_string();
        std::error_code type_ec;
        if (it->is_regular_file(type_ec)) {
            files[rel] = it->path();
        } else if (const std::string why = unusable(*it); !why.empty()) {
            diagnostics.error({display_dir + "/" + rel, 0, 0}, "'" + rel + "' " + why);
        }
    }
    if (ec) {
        diagnostics.error({display_dir, 0, 0},
                          "cannot read every file in this folder: " + ec.message());
    }
}

}  // namespace

std::optional<Theme> Theme::load(const fs::path& themes_dir, const std::string& name,
                                 const fs::path& site_templates,
                                 const std::string& site_templates_display,
                                 Diagnostics& diagnostics) {
    // Only a folder of themes_dir: "../x" or "/x" would load templates from
    // anywhere (site.yaml's reader refuses them at their line first).
    if (name.empty() || name == "." || name == ".." ||
        name.find_first_of("/\\") != std::string::npos) {
        diagnostics.error({themes_dir.string(), 0, 0},
                          "theme '" + name + "' is not the name of a folder in this themes folder");
        return std::nullopt;
    }
    const fs::path theme_dir = themes_dir / name;
    std::error_code ec;
    if (!fs::is_directory(theme_dir, ec)) {
        diagnostics.error({theme_dir.string(), 0, 0}, "theme '" + name + "' not found");
        return std::nullopt;
    }
    // Site overrides replace theme files of the same relative name.
    std::map<std::string, fs::path> files;
    std::map<std::string, std::string> display;
    list_files(theme_dir, theme_dir.string(), files, diagnostics);
    for (const auto& [rel, path] : files) display[rel] = path.string();
    std::map<std::string, fs::path> overrides;
    list_files(site_templates, site_templates_display, overrides, diagnostics);
    for (const auto& [rel, path] : overrides) {
        files[rel] = path;
        display[rel] = site_templates_display + "/" + rel;
    }

    Theme theme;
    const int before = diagnostics.error_count();
    std::map<std::string, PartialSource> partials;
    for (const auto& [rel, path] : files) {
        const bool is_template = fs::path(rel).extension() == ".mustache";
        if (!is_template) {
            if (rel.rfind("static/", 0) == 0) {
                theme.static_files_.push_back({path, "theme/" + rel.substr(7)});
            }
            continue;
        }
        auto text = load::read_text_file(path, display[rel], diagnostics);
        if (!text) continue;
        const std::string stem = fs::path(rel).stem().string();
        const bool layout = rel.rfind("layouts/", 0) == 0;
        if (!layout && rel.rfind("partials/", 0) != 0) continue;
        std::vector<Tag> tags = template_tags(*text);
        if (!check_section_depth(display[rel], *text, tags, diagnostics)) continue;
        if (layout) {
            auto tmpl = std::make_unique<Template>(display[rel], *text);
            if (!tmpl->parsed.is_valid()) {
                report_template_error(display[rel], *text, tmpl->parsed.error_message(),
                                      diagnostics);
                continue;
            }
            theme.layouts_[stem] = std::move(tmpl);
        } else {
            mustache::mustache check(*text);
            if (!check.is_valid()) {
                report_template_error(display[rel], *text, check.error_message(), diagnostics);
                continue;
            }
            PartialSource& source = partials[stem];
            source.display_path = display[rel];
            source.text = *text;
            for (Tag& tag : tags) {
                if (tag.kind == '>') source.includes.push_back(std::move(tag));
            }
            theme.partials_[stem] = *text;
        }
    }
    check_partial_loops(partials, diagnostics);
    for (const char* layout : kRequiredLayouts) {
        if (!theme.layouts_.count(layout) && diagnostics.error_count() == before) {
            diagnostics.error({theme_dir.string(), 0, 0},
                              "theme '" + name + "' has no layouts/" + layout + ".mustache");
        }
    }
    if (diagnostics.error_count() > before) return std::nullopt;
    return theme;
}

bool Theme::has_layout(const std::string& layout) const {
    return layouts_.count(layout) > 0;
}

std::optional<std::string> Theme::render_page(const std::string& layout, TemplateData& data,
                                              Diagnostics& diagnostics) const {
    // Partials are kept as text: kainjow parses a partial where it is used.
    std::map<std::string, TemplateData> partials;
    for (const auto& [name, text] : partials_) partials.emplace(name, TemplateData(text));

    auto render = [&](const std::string& name) -> std::optional<std::string> {
        const Template& tmpl = *layouts_.at(name);
        ThemeContext context(&data, partials);
        std::string out = tmpl.parsed.render(context);
        if (!tmpl.parsed.is_valid()) {
            diagnostics.error({tmpl.display_path, 0, 0},
                              "template error: " + tmpl.parsed.error_message());
            return std::nullopt;
        }
        return out;
    };
    auto body = render(layout);
    if (!body) return std::nullopt;
    data.set("content", *body);
    return render("base");
}

fs::path default_themes_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const fs::path& candidate :
             {exe.parent_path() / "themes", exe.parent_path().parent_path() / "themes",
              exe.parent_path().parent_path() / "share" / "lspgen" / "themes"}) {
            if (fs::is_directory(candidate / "default", ec)) return candidate;
        }
    }
#ifdef LSPGEN_SOURCE_THEMES_DIR
    return LSPGEN_SOURCE_THEMES_DIR;
#else
    return "themes";
#endif
}

}  // namespace lspgen
