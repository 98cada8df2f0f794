// site.yaml's `accessibility:` mapping: what the accessibility statement
// needs that the rest of the site's data does not say.
#include "model/load_site.hpp"

namespace lspgen {

namespace {

AccessibilityReason reason_from(const std::string& text) {
    if (text == "disproportionate-burden") return AccessibilityReason::disproportionate_burden;
    if (text == "out-of-scope") return AccessibilityReason::out_of_scope;
    return AccessibilityReason::non_compliance;
}

void read_known_issues(const load::RawNode& list, const SiteFolder& folder,
                       AccessibilitySettings& settings, Diagnostics& diagnostics) {
    if (!list.is_sequence()) {
        diagnostics.error(list.where, "'known_issues' must be a list, not " + describe(list));
        return;
    }
    for (const auto& item : list.items) {
        Fields f(item, "known issue", folder, diagnostics);
        if (!f.ok()) continue;
        AccessibilityIssue issue;
        issue.issue = f.markdown("issue", Need::required).value_or(Markdown{});
        issue.criterion = f.text("criterion").value_or("");
        issue.reason = reason_from(
            f.choice("reason", {"non-compliance", "disproportionate-burden", "out-of-scope"})
                .value_or("non-compliance"));
        issue.fix_by = f.date("fix_by");
        f.finish();
        settings.known_issues.push_back(std::move(issue));
    }
}

void read_audit(const load::RawNode& node, const SiteFolder& folder,
                AccessibilitySettings& settings, Diagnostics& diagnostics) {
    Fields f(node, "audit", folder, diagnostics);
    if (!f.ok()) return;
    AccessibilityAudit audit;
    const auto date = f.date("date", Need::required);
    audit.by = f.text("by", Need::required).value_or("");
    audit.method = f.markdown("method").value_or(Markdown{});
    const auto result = f.choice(
        "result", {"fully-compliant", "partially-compliant", "not-compliant"}, Need::required);
    f.finish();
    if (!date || !result) return;
    audit.date = *date;
    audit.result = *result == "fully-compliant"       ? AuditResult::fully_compliant
                   : *result == "partially-compliant" ? AuditResult::partially_compliant
                                                      : AuditResult::not_compliant;
    settings.audit = std::move(audit);
}

}  // namespace

void read_accessibility(const load::RawNode& node, const SiteFolder& folder,
                        AccessibilitySettings& settings, Diagnostics& diagnostics) {
    Fields f(node, "accessibility", folder, diagnostics);
    if (!f.ok()) return;
    settings.email = f.email("email").value_or("");
    settings.phone = f.text("phone").value_or("");
    if (auto days = f.integer("response_days")) {
        if (*days < 1 || *days > 60) {
            f.error("response_days",
                    "'response_days' is the number of working days the partnership takes to "
                    "answer a request: a whole number from 1 to 60");
        } else {
            settings.response_days = *days;
        }
    }
    if (const load::RawNode* issues = f.node("known_issues", Shape::list)) {
        read_known_issues(*issues, folder, settings, diagnostics);
    }
    if (const load::RawNode* audit = f.node("audit", Shape::mapping)) {
        read_audit(*audit, folder, settings, diagnostics);
    }
    settings.prepared = f.date("prepared");
    settings.reviewed = f.date("reviewed");
    if (settings.prepared && settings.reviewed && *settings.reviewed < *settings.prepared) {
        f.error("reviewed", "the statement cannot be reviewed (" + settings.reviewed->iso() +
                                ") before it was prepared (" + settings.prepared->iso() + ")");
    }
    f.finish();
}

}  // namespace lspgen
