#include "model/site.hpp"

#include <cctype>

#include <algorithm>
#include <map>

namespace lspgen {

namespace {

template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
    return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Member* Site::find_member(const std::string& id) const {
    return find_by_id(members, id);
}
const Board* Site::find_board(const std::string& id) const {
    return find_by_id(boards, id);
}
const Document* Site::find_document(const std::string& id) const {
    return find_by_id(documents, id);
}

const Member* Site::post_holder(Role role) const {
    auto it = std::find_if(members.begin(), members.end(),
                           [&](const Member& m) { return m.role == role; });
    return it == members.end() ? nullptr : &*it;
}

const std::vector<std::string>& document_types() {
    static const std::vector<std::string> types = {"sustainable-community-strategy",
                                                   "local-area-agreement",
                                                   "annual-report",
                                                   "handbook",
                                                   "agenda",
                                                   "minutes",
                                                   "report",
                                                   "other"};
    return types;
}

std::string document_type_label(const std::string& type) {
    static const std::map<std::string, std::string> labels = {
        {"sustainable-community-strategy", "Sustainable Community Strategy"},
        {"local-area-agreement", "Local Area Agreement"},
        {"annual-report", "Annual reports"},
        {"handbook", "Handbook"},
        {"agenda", "Agendas"},
        {"minutes", "Minutes"},
        {"report", "Reports"},
        {"other", "Other documents"}};
    auto it = labels.find(type);
    return it == labels.end() ? type : it->second;
}

std::string term_anchor(const std::string& term) {
    std::string anchor = "term-";
    bool hyphen = false;
    for (unsigned char c : term) {
        if (std::isalnum(c)) {
            if (hyphen && anchor.back() != '-') anchor += '-';
            anchor += static_cast<char>(std::tolower(c));
            hyphen = false;
        } else {
            hyphen = true;
        }
    }
    return anchor;
}

std::string display_path(const std::string& folder, const std::string& file) {
    if (folder.empty() || folder == ".") return file;
    return folder.back() == '/' ? folder + file : folder + "/" + file;
}

std::string Site::display_path(const std::string& file) const {
    return lspgen::display_path(display, file);
}

}  // namespace lspgen
