#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"

namespace kainjow::mustache {
template <typename string_type>
class basic_data;
template <typename string_type>
class basic_mustache;
}  // namespace kainjow::mustache

namespace lspgen {

using TemplateData = kainjow::mustache::basic_data<std::string>;

/// Colours the theme puts on the site's brand colour, for the contrast check.
struct ThemeColours {
    std::string text_on_brand = "#ffffff";
    std::string link_on_brand = "#ffffff";
};

/// A file the theme ships as it is (CSS, fonts), and where it goes.
struct StaticFile {
    std::filesystem::path source;
    std::string output_path;  // "theme/style.css"
};

/// A theme: Mustache layouts and partials, parsed once, plus static files.
/// A site's templates/ folder overrides any theme file of the same name.
class Theme {
  public:
    /// Loads `themes_dir/name`, then the overrides in `site_templates` (which
    /// may not exist). Template syntax errors are reported with the file,
    /// line and column; gives nullopt on any error, and for a `name` that is
    /// a path ("../x", "/x") rather than a folder of `themes_dir`.
    static std::optional<Theme> load(const std::filesystem::path& themes_dir,
                                     const std::string& name,
                                     const std::filesystem::path& site_templates,
                                     const std::string& site_templates_display,
                                     Diagnostics& diagnostics);

    Theme(Theme&&) noexcept;
    Theme& operator=(Theme&&) noexcept;
    ~Theme();

    /// Renders layouts/`layout`.mustache with `data`, then wraps the result in
    /// layouts/base.mustache as `{{{content}}}`. A render error (a partial that
    /// fails) is reported against the template and gives nullopt.
    std::optional<std::string> render_page(const std::string& layout, TemplateData& data,
                                           Diagnostics& diagnostics) const;

    /// True when the theme has layouts/`layout`.mustache.
    bool has_layout(const std::string& layout) const;

    const ThemeColours& colours() const { return colours_; }
    const std::vector<StaticFile>& static_files() const { return static_files_; }

  private:
    Theme();
    struct Template;
    std::map<std::string, std::unique_ptr<Template>> layouts_;
    std::map<std::string, std::string> partials_;
    std::vector<StaticFile> static_files_;
    ThemeColours colours_;
};

/// Where themes are looked for when --themes is not given: beside the
/// executable, then the source tree lspgen was built from.
std::filesystem::path default_themes_dir();

}  // namespace lspgen
