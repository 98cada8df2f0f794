#include "model/load_site.hpp"

namespace lspgen {

namespace {

struct RoleName {
    const char* text;
    Role role;
};
constexpr RoleName kRoles[] = {{"Chair", Role::chair},       {"Vice-chair", Role::vice_chair},
                               {"Member", Role::member},     {"Adviser", Role::adviser},
                               {"Observer", Role::observer}, {"Officer", Role::officer}};

const std::vector<std::string>& role_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& r : kRoles) v.emplace_back(r.text);
        return v;
    }();
    return names;
}

}  // namespace

bool read_members(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    return read_records(
        folder, "members.yaml", "member", "id", diagnostics,
        [&](Fields& fields, const load::RawNode& entry) {
            Member m;
            m.where = fields.where();
            m.id = fields.id().value_or("");
            m.name = fields.text("name", Need::required).value_or("");
            m.honorific = fields.text("honorific").value_or("");
            if (auto role = fields.choice("role", role_names(), Need::required)) {
                for (const auto& r : kRoles) {
                    if (*role == r.text) m.role = r.role;
                }
                m.role_text = *role;
                m.role_where = fields.where("role");
            }
            m.organisation = fields.text("organisation", Need::required).value_or("");
            m.sector = fields
                           .choice("sector", {"public", "private", "voluntary", "community",
                                              "faith", "elected-member"})
                           .value_or("");
            m.represents = fields.text("represents").value_or("");
            m.photo = fields.path("photo");
            // photo_alt: "" says the picture is decorative (a placeholder
            // silhouette): screen readers then skip it, as they should.
            const std::optional<std::string> alt = fields.text("photo_alt");
            m.photo_alt = alt.value_or("");
            if (m.photo && !alt) {
                fields.error("photo",
                             "'photo' needs 'photo_alt': say what the photo shows, for "
                             "people who cannot see it (or photo_alt: \"\" for a picture "
                             "that shows nothing, such as a placeholder silhouette)");
            }
            m.bio = fields.markdown("bio").value_or(Markdown{});
            m.appointed = fields.date("appointed");
            m.term_ends = fields.date("term_ends");
            if (m.appointed && m.term_ends && *m.term_ends < *m.appointed) {
                fields.error("term_ends", "'term_ends' (" + m.term_ends->iso() +
                                              ") is before 'appointed' (" + m.appointed->iso() +
                                              ")");
            }
            m.boards = fields.id_refs("boards");
            auto interests = fields.text_list("interests");
            if (entry.find("interests")) m.interests = std::move(interests);
            std::string key = m.id;
            site.members.push_back(std::move(m));
            return key;
        });
}

bool read_boards(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    return read_records(folder, "boards.yaml", "board", "id", diagnostics,
                        [&](Fields& fields, const load::RawNode&) {
                            Board b;
                            b.where = fields.where();
                            b.id = fields.id().value_or("");
                            b.name = fields.text("name", Need::required).value_or("");
                            b.remit = fields.markdown("remit").value_or(Markdown{});
                            b.chair = fields.id_ref("chair");
                            b.chair_note = fields.text("chair_note").value_or("");
                            std::string key = b.id;
                            site.boards.push_back(std::move(b));
                            return key;
                        });
}

}  // namespace lspgen
