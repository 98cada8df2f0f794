#include <algorithm>

#include "load/yaml_loader.hpp"
#include "model/load_site.hpp"

namespace lspgen {

namespace {

bool is_hex_colour(const std::string& s) {
    return s.size() == 7 && s[0] == '#' && std::all_of(s.begin() + 1, s.end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c));
           });
}

// The number a phone dials in a phone number as written: the first run of
// digits (at least three, so "9am" is not one), with the spaces, dashes and
// dots between them, a leading + and brackets around an area code. What
// follows ("(9am to 5pm)", "ext. 12", "or …") is for people. The "(0)" of
// "+44 (0)1632…" is not dialled from abroad, so it is left out.
std::string number_to_dial(const std::string& phone) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    // The end of a bracketed group of digits opening at `at`, or npos.
    auto group_end = [&](size_t at) {
        const size_t close = phone.find(')', at);
        if (close == std::string::npos || close == at + 1) return std::string::npos;
        for (size_t k = at + 1; k < close; ++k) {
            if (!digit(phone[k]) && phone[k] != ' ') return std::string::npos;
        }
        return close;
    };
    size_t i = 0;
    while (i < phone.size()) {
        std::string number;
        size_t digits = 0;
        size_t k = i;
        if (phone[k] == '+') number += phone[k++];
        for (; k < phone.size(); ++k) {
            const char c = phone[k];
            if (digit(c)) {
                number += c;
                ++digits;
            } else if (c == '(') {
                const size_t close = group_end(k);
                if (close == std::string::npos) break;
                const std::string group = phone.substr(k + 1, close - k - 1);
                if (!(number.rfind('+', 0) == 0 && group == "0")) {
                    for (char g : group) {
                        if (digit(g)) {
                            number += g;
                            ++digits;
                        }
                    }
                }
                k = close;
            } else if (c != ' ' && c != '-' && c != '.') {
                break;
            }
        }
        if (digits >= 3) return number;
        i = std::max(k, i + 1);
    }
    return {};
}

void read_contact(const load::RawNode* node, const SiteFolder& folder, Contact& contact,
                  Diagnostics& diagnostics, const SourceLocation& site_where) {
    if (!node) {
        diagnostics.error(site_where,
                          "site.yaml is missing the required field 'contact' "
                          "(name, email, phone, address): people must be able to "
                          "reach the partnership");
        return;
    }
    Fields fields(*node, "contact", folder, diagnostics);
    contact.name = fields.text("name").value_or("");
    contact.email = fields.email("email").value_or("");
    contact.phone = fields.text("phone").value_or("");
    contact.phone_number = number_to_dial(contact.phone);
    if (!contact.phone.empty() && contact.phone_number.empty()) {
        fields.error("phone",
                     "'phone' must hold a phone number, such as 01632 960201 (9am to 5pm): its "
                     "link dials the number");
    }
    contact.address = fields.text("address").value_or("");
    contact.url = fields.url("url").value_or("");
    const bool any_given = node->find("email") || node->find("phone") || node->find("address");
    if (fields.ok() && !any_given) {
        diagnostics.error(node->where, "contact needs at least one of email, phone or address");
    }
    fields.finish();
}

// A theme is a folder in the themes folder, named by a plain word.
bool is_theme_name(const std::string& s) {
    return !s.empty() && s.front() != '-' && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

// site.yaml's top mapping, or nullopt when there is none (reported). In
// describe mode, an empty mapping for the reader to describe.
std::optional<load::RawNode> read_site_yaml(const SiteFolder& folder, Diagnostics& diagnostics) {
    if (folder.describing) {
        load::RawNode root;
        root.kind = load::RawNode::Kind::mapping;
        return root;
    }
    const std::string display = folder.display_path("site.yaml");
    std::error_code ec;
    // symlink_status: a link that loops or leads nowhere is reported as such.
    if (!std::filesystem::exists(std::filesystem::symlink_status(folder.dir / "site.yaml", ec))) {
        diagnostics.error({display, 0, 0},
                          "site.yaml not found: every site folder needs one "
                          "(is '" +
                              folder.display + "' a site folder?)");
        return std::nullopt;
    }
    auto text = load::read_text_file(folder.dir / "site.yaml", display, diagnostics);
    if (!text) return std::nullopt;
    auto root = load::parse_yaml(*text, display, diagnostics);
    if (!root) return std::nullopt;
    for (auto& p : load::find_placeholders(*root, *text)) folder.placeholders.push_back(p);
    if (root->is_null()) {
        diagnostics.error(root->where,
                          "site.yaml is empty: it needs at least the partnership's 'name', "
                          "'area', 'summary' and 'contact'");
        return std::nullopt;
    }
    return root;
}

}  // namespace

void read_site_settings(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    auto root = read_site_yaml(folder, diagnostics);
    if (!root) return;

    SiteSettings& s = site.settings;
    Fields fields(*root, "site.yaml", folder, diagnostics);
    s.name = fields.text("name", Need::required).value_or("");
    s.short_name = fields.text("short_name").value_or(s.name);
    s.area = fields.text("area", Need::required).value_or("");
    if (auto status = fields.choice("status", {"published", "draft", "example"})) {
        s.status = *status == "draft"     ? SiteStatus::draft
                   : *status == "example" ? SiteStatus::example
                                          : SiteStatus::published;
        s.status_where = fields.where("status");
    }
    s.county = fields.text("county").value_or("");
    s.region = fields.text("region").value_or("");
    // Described, site.yaml has a hub's fields too: a schema cannot see `kind`.
    if (fields.choice("kind", {"lsp", "hub"}).value_or("lsp") == "hub" || folder.describing) {
        site.kind = SiteKind::hub;
        const load::RawNode* partnerships = fields.node("partnerships", Shape::list);
        fields.node("cache_dir", Shape::text);
        read_hub_settings(*root, folder.describing ? partnerships : root->find("partnerships"),
                          folder, site.hub, diagnostics);
    }
    s.language = fields.text("language").value_or("en-GB");
    s.timezone = fields.choice("timezone", {"Europe/London"}).value_or("Europe/London");
    if (auto base = fields.url("base_url")) {
        if (base->rfind("http", 0) != 0) {
            fields.error("base_url", "'base_url' must be an http:// or https:// address");
        } else {
            s.base_url = *base;
            if (s.base_url.back() != '/') s.base_url += '/';
        }
    }
    if (auto theme = fields.text("theme")) {
        if (is_theme_name(*theme)) {
            s.theme = *theme;
        } else {
            // A path would load templates from anywhere on the disk.
            fields.error("theme",
                         "'theme' must be the name of a folder in the themes folder, such as "
                         "default (letters, digits, '-' and '_'), not a path");
        }
    }
    if (auto colour = fields.text("brand_colour")) {
        if (is_hex_colour(*colour)) {
            s.brand_colour = *colour;
            s.brand_colour_where = fields.where("brand_colour");
        } else {
            fields.error("brand_colour",
                         "'brand_colour' must be a colour written #rrggbb, such as "
                         "#1d4f6e, not '" +
                             *colour + "'");
        }
    }
    s.logo = fields.path("logo");
    s.logo_alt = fields.text("logo_alt").value_or("");
    if (s.logo && s.logo_alt.empty()) {
        diagnostics.error(fields.where("logo"),
                          "'logo' needs 'logo_alt': the text that says what "
                          "the logo shows, for people who cannot see it",
                          fields.length("logo"));
    }
    s.summary = fields.markdown("summary", Need::required).value_or(Markdown{});
    s.aim = fields.text("aim").value_or("");
    s.meeting_frequency = fields.text("meeting_frequency").value_or("");
    s.meetings_public = fields.boolean("meetings_public");
    s.public_questions = fields.markdown("public_questions").value_or(Markdown{});
    const load::RawNode* contact = fields.node("contact", Shape::mapping, Need::required);
    if (fields.ok()) read_contact(contact, folder, s.contact, diagnostics, root->where);
    s.independent = fields.boolean("independent").value_or(false);
    s.hosted_by = fields.text("hosted_by").value_or("");
    if (const load::RawNode* governance = fields.node("governance", Shape::mapping)) {
        Fields g(*governance, "governance", folder, diagnostics);
        s.governance.membership = g.markdown("membership").value_or(Markdown{});
        s.governance.agenda = g.markdown("agenda").value_or(Markdown{});
        s.governance.decisions = g.markdown("decisions").value_or(Markdown{});
        g.finish();
    }
    if (const load::RawNode* accessibility = fields.node("accessibility", Shape::mapping)) {
        read_accessibility(*accessibility, folder, s.accessibility, diagnostics);
    }
    s.key_documents = fields.id_refs("key_documents");
    s.regional_glossary = fields.boolean("regional_glossary").value_or(true);
    const std::string first_use =
        fields.choice("jargon_first_use", {"expand", "link", "none"}).value_or("expand");
    s.jargon_first_use = first_use == "link"   ? jargon::FirstUse::link
                         : first_use == "none" ? jargon::FirstUse::none
                                               : jargon::FirstUse::expand;
    fields.finish();
}

}  // namespace lspgen
