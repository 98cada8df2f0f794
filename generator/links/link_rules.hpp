#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "links/html_links.hpp"
#include "links/output_tree.hpp"

namespace lspgen::links {

/// Whether an empty value of this attribute on this element is a broken
/// link: an empty src loads nothing useful (or the page itself, again), and
/// an empty <link href> names no resource. An empty <a href> or <form
/// action> is the page itself, which is fine.
bool empty_is_error(std::string_view tag, std::string_view attribute);

/// Whether following this attribute navigates to what it names (a link,
/// a frame, a form, a refresh), rather than embedding a resource in the
/// page. A data: URL is refused only where it navigates: an image's data:
/// src is valid markup.
bool navigates(std::string_view tag, std::string_view attribute);

/// What is wrong with an element, in a sentence.
std::string describe(const ElementProblem& problem);

/// `href` as written, with `file` added to its path ("../members" and
/// "index.html" give "../members/index.html"; a query or fragment stays at
/// the end): advice that works from the linking page.
std::string href_with_file(const std::string& href, const std::string& file);

/// What a link's path finds in the tree.
struct Lookup {
    enum class Result {
        file,                  // `file` exists
        folder_without_slash,  // a folder, linked without '/', with an index file
        folder_without_index,  // a folder with none of the index files
        missing,               // nothing there
    };
    Result result = Result::missing;
    std::string file;        // the file that answers, when there is one
    std::string index_file;  // for a folder: the index file it has
};

/// Looks `path` (a path in the tree, "" or ending in '/' for a folder) up:
/// a file, a folder's first index file, or the path with a fallback
/// extension.
Lookup look_up(const OutputTree& tree, const std::string& path,
               const std::vector<std::string>& index_files,
               const std::vector<std::string>& fallback_extensions);

/// "index.html", "index.html or index.htm", "index.html, index.htm or index.php".
std::string either_of(const std::vector<std::string>& names);

}  // namespace lspgen::links
