#pragma once

#include <string_view>
#include <vector>

namespace lspgen {

/// A file compiled into the binary by CMake (cmake/embed_files.cmake), so
/// lspgen needs no data files at run time.
struct EmbeddedFile {
    /// The path relative to the embedded folder, with "/" separators.
    std::string_view path;
    /// The file's bytes, exactly (binary files included).
    std::string_view bytes;
};

/// The files of a new site (generator/scaffold/site/), sorted by path. Text
/// files hold placeholders such as @TODAY@ that `lspgen new` fills in.
const std::vector<EmbeddedFile>& scaffold_site_files();

}  // namespace lspgen
