#include "theme.hpp"

#include <kainjow/mustache.hpp>

#include <unistd.h>
#include <algorithm>

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
    "base",    "home", "members", "member",    "meetings", "meeting", "documents", "how-we-work",
    "contact", "page", "404",     "jargon",    "news",     "news-item", "events",  "performance"};

// kainjow reports "Unclosed section "x" at 123": turn the byte offset into a
// line and column of the template file.
SourceLocation locate_template_error(const std::string& path, const std::string& text,
                                     const std::string& message) {
    size_t digits = message.find_last_not_of("0123456789");
    if (digits == std::string::npos || digits + 1 >= message.size()) return {path, 0, 0};
    size_t offset = std::stoul(message.substr(digits + 1));
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

std::string without_offset(const std::string& message) {
    size_t at = message.rfind(" at ");
    return at == std::string::npos ? message : message.substr(0, at);
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

// Collects "layouts/x.mustache"-style relative names of every file under dir.
void list_files(const fs::path& dir, std::map<std::string, fs::path>& files) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) {
            files[it->path().lexically_relative(dir).generic_string()] = it->path();
        }
    }
}

}  // namespace

std::optional<Theme> Theme::load(const fs::path& themes_dir, const std::string& name,
                                 const fs::path& site_templates,
                                 const std::string& site_templates_display,
                                 Diagnostics& diagnostics) {
    const fs::path theme_dir = themes_dir / name;
    std::error_code ec;
    if (!fs::is_directory(theme_dir, ec)) {
        diagnostics.error({theme_dir.string(), 0, 0}, "theme '" + name + "' not found");
        return std::nullopt;
    }
    // Site overrides replace theme files of the same relative name.
    std::map<std::string, fs::path> files;
    std::map<std::string, std::string> display;
    list_files(theme_dir, files);
    for (const auto& [rel, path] : files) display[rel] = path.string();
    std::map<std::string, fs::path> overrides;
    list_files(site_templates, overrides);
    for (const auto& [rel, path] : overrides) {
        files[rel] = path;
        display[rel] = site_templates_display + "/" + rel;
    }

    Theme theme;
    const int before = diagnostics.error_count();
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
        if (rel.rfind("layouts/", 0) == 0) {
            auto tmpl = std::make_unique<Template>(display[rel], *text);
            if (!tmpl->parsed.is_valid()) {
                diagnostics.error(
                    locate_template_error(display[rel], *text, tmpl->parsed.error_message()),
                    "template error: " + without_offset(tmpl->parsed.error_message()));
                continue;
            }
            theme.layouts_[stem] = std::move(tmpl);
        } else if (rel.rfind("partials/", 0) == 0) {
            mustache::mustache check(*text);
            if (!check.is_valid()) {
                diagnostics.error(locate_template_error(display[rel], *text, check.error_message()),
                                  "template error: " + without_offset(check.error_message()));
                continue;
            }
            theme.partials_[stem] = *text;
        }
    }
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
