// /accessibility/: the accessibility statement, in the structure of the UK
// government's model statement for public sector websites (how accessible
// the site is, how to get content in another format and report a problem,
// the enforcement procedure, compliance status, what is not accessible and
// why, and when the statement was prepared and reviewed).
#include <algorithm>

#include "render/render_site.hpp"
#include "render/views.hpp"

namespace lspgen::render {

namespace {

// Whether a file is a document (PDF, Word…) rather than a web page or an
// image: documents are published as partners wrote them, and lspgen does
// not check them.
bool is_document(const std::string& path) {
    const std::string format = file_format(path);
    return format != "HTML" && format.find("image") == std::string::npos &&
           format.find("Image") == std::string::npos;
}

bool has_local_documents(const Site& site) {
    auto local = [](const Attachment& a) {
        return a.kind == Attachment::Kind::file && is_document(a.file.path);
    };
    return std::any_of(site.documents.begin(), site.documents.end(),
                       [](const Document& d) { return d.file && is_document(d.file->path); }) ||
           std::any_of(site.meetings.begin(), site.meetings.end(), [&](const Meeting& m) {
               return local(m.agenda) || local(m.minutes) ||
                      std::any_of(m.papers.begin(), m.papers.end(),
                                  [&](const Paper& p) { return local(p.attachment); });
           });
}

Data issue_data(const Views& views, const AccessibilityIssue& issue, const std::string& root) {
    Data d;
    set_text(d, "issue_html", views.markdown_html(issue.issue, root, 4));
    set_text(d, "criterion", issue.criterion);
    if (issue.fix_by) {
        d.set("fix_by_iso", issue.fix_by->iso());
        d.set("fix_by_text", issue.fix_by->text());
    }
    return d;
}

}  // namespace

bool render_accessibility(const Views& views, const Theme& theme, RenderedSite& out,
                          Diagnostics& d) {
    const Site& site = views.site();
    const SiteSettings& s = site.settings;
    const AccessibilitySettings& a = s.accessibility;
    const std::string file = kAccessibilityPage;
    const std::string root = root_prefix(file);
    Data data = views.page("Accessibility statement", file, "accessibility",
                           "How accessible the " + s.short_name +
                               " website is, how to get its content in another format and how "
                               "to report a problem.");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});

    data.set("address", s.base_url.empty() ? std::string() : s.base_url);
    data.set("run_by", !s.independent && !s.hosted_by.empty()
                           ? s.hosted_by + " on behalf of " + s.name
                           : s.name);
    data.set("jargon_href", root + kJargonPage);
    data.set("contact_href", root + kContactPage);

    // Who to ask: the accessibility contact, else the partnership's own.
    Data contact;
    const std::string email = a.email.empty() ? s.contact.email : a.email;
    const std::string phone = a.phone.empty() ? s.contact.phone : a.phone;
    set_text(contact, "email", email);
    set_text(contact, "phone", phone);
    contact.set("has_any", !email.empty() || !phone.empty());
    data.set("accessibility_contact", contact);
    if (a.response_days > 0) {
        data.set("response_days", std::to_string(a.response_days) +
                                      (a.response_days == 1 ? " working day" : " working days"));
    }

    List non_compliance;
    List burden;
    List out_of_scope;
    for (const auto& issue : a.known_issues) {
        List& list = issue.reason == AccessibilityReason::disproportionate_burden ? burden
                     : issue.reason == AccessibilityReason::out_of_scope          ? out_of_scope
                                                                                  : non_compliance;
        list.push_back(issue_data(views, issue, root));
    }
    const bool documents = has_local_documents(site);
    // Automated checks find only some failures: until the partnership has
    // tested the site by hand, the statement says so and claims no more.
    const bool untested = !a.audit;
    data.set("untested", untested);
    data.set("has_documents", documents);
    data.set("has_known_issues", !a.known_issues.empty() || documents || untested);
    data.set("non_compliance", non_compliance);
    data.set("has_non_compliance", !non_compliance.empty());
    data.set("burden", burden);
    data.set("has_burden", !burden.empty());
    data.set("out_of_scope", out_of_scope);
    data.set("has_out_of_scope", !out_of_scope.empty());
    // Documents nobody has checked count against full compliance too, as in
    // the model statement: the statement must not claim more than is known.
    const bool not_compliant = a.audit && a.audit->result == AuditResult::not_compliant;
    data.set("fully_compliant", a.audit && a.audit->result == AuditResult::fully_compliant &&
                                    non_compliance.empty() && burden.empty() && !documents);
    data.set("not_compliant", not_compliant);
    data.set("has_listed", !non_compliance.empty() || !burden.empty() || documents);
    if (a.audit) {
        Data audit;
        audit.set("date_iso", a.audit->date.iso());
        audit.set("date_text", a.audit->date.text());
        audit.set("by", a.audit->by);
        set_text(audit, "method_html", views.markdown_html(a.audit->method, root, 3));
        data.set("audit", audit);
    }

    if (a.prepared) {
        data.set("prepared_iso", a.prepared->iso());
        data.set("prepared_text", a.prepared->text());
    }
    if (a.reviewed) {
        data.set("reviewed_iso", a.reviewed->iso());
        data.set("reviewed_text", a.reviewed->text());
    }
    data.set("today_iso", views.today().iso());
    data.set("today_text", views.today().text());
    data.set("default_theme", s.theme == "default");
    return emit_page(theme, "accessibility", file, data, out, d);
}

}  // namespace lspgen::render
