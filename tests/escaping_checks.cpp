// The checks of escaping_checks.hpp, one per output format.
#include "escaping_checks.hpp"

#include <libical/ical.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <regex>

#include "support.hpp"

namespace lspgen::test {

namespace fs = std::filesystem;

namespace {

std::string around(const std::string& text, size_t at) {
    const size_t from = at > 60 ? at - 60 : 0;
    return text.substr(from, 140);
}

/// Every hostile text (found by its tag) in HTML must be escaped: its '<'
/// and '&' always, its '"' inside a tag. What comes before the tag is one
/// of the escapings below (Markdown may make the quotes curly).
void check_hostile_text(const std::string& html, const std::string& where, Findings& findings) {
    static const std::regex text_escaped(
        "&lt;script&gt;&amp;(&quot;|&#34;|\"|“|”)(&#39;|&#x27;|&apos;|'|’|‘),;$");
    static const std::regex attribute_escaped(
        "&lt;script&gt;&amp;(&quot;|&#34;)(&#39;|&#x27;|&apos;|'),;$");
    for (size_t at = html.find(",;T"); at != std::string::npos; at = html.find(",;T", at + 1)) {
        const size_t start = at + 2;
        const std::string before =
            html.substr(start > 40 ? start - 40 : 0, start > 40 ? 40 : start);
        const size_t markup = html.find_last_of("<>", start);
        const bool in_tag = markup != std::string::npos && html[markup] == '<';
        if (!std::regex_search(before, in_tag ? attribute_escaped : text_escaped)) {
            findings.push_back(where + ": not escaped" + (in_tag ? " (in a tag)" : "") + ": " +
                               around(html, start));
        }
    }
}

void check_html(const std::string& html_in, const std::string& where, Findings& findings) {
    std::string html = html_in;
    const std::string json_ld = "<script type=\"application/ld+json\">";
    for (size_t at = html.find("<script"); at != std::string::npos;
         at = html.find("<script", at + 1)) {
        if (html.compare(at, json_ld.size(), json_ld) != 0) {
            findings.push_back(where + ": a <script> tag: " + around(html, at));
            continue;
        }
        const size_t open = at + json_ld.size();
        const size_t close = html.find("</script>", open);
        if (close == std::string::npos) {
            findings.push_back(where + ": a JSON-LD block is not closed");
            break;
        }
        const std::string block = html.substr(open, close - open);
        // Inside <script>, HTML escapes mean nothing: any '<' could start
        // "</script" or "<!--"; lspgen writes it \u003c.
        if (block.find('<') != std::string::npos) {
            findings.push_back(where + ": '<' in a JSON-LD block: " + block.substr(0, 200));
        }
        if (!nlohmann::json::accept(block)) {
            findings.push_back(where + ": a JSON-LD block is not JSON: " + block.substr(0, 200));
        }
        html.replace(open, close - open, close - open, ' ');  // checked; not HTML text
    }
    check_hostile_text(html, where, findings);
}

void check_xml(const std::string& xml, const std::string& where, Findings& findings) {
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_string(xml.c_str());
    if (!parsed) {
        findings.push_back(where + ": not well-formed XML: " + parsed.description() + " at " +
                           around(xml, static_cast<size_t>(parsed.offset)));
        return;
    }
    struct Walker : pugi::xml_tree_walker {
        const std::string& where;
        Findings& findings;
        Walker(const std::string& w, Findings& f) : where(w), findings(f) {}
        bool for_each(pugi::xml_node& node) override {
            const std::string name = node.name();
            if (name == "script" || name.find("script") != std::string::npos) {
                findings.push_back(where + ": an element <" + name + "> came from the text");
            }
            // Atom's type="html" content is HTML, escaped once more as XML.
            if (std::string(node.attribute("type").value()) == "html") {
                check_html(node.text().get(), where + " <" + name + ">", findings);
            }
            return true;
        }
    } walker(where, findings);
    doc.traverse(walker);
}

/// RFC 5545 escapes ',' and ';' (and '\' and newlines) in text; '<', '&'
/// and quotes are plain text there.
void check_ics(const std::string& ics_in, const std::string& where, Findings& findings) {
    std::string ics;
    for (size_t i = 0; i < ics_in.size(); ++i) {
        if (ics_in.compare(i, 3, "\r\n ") == 0) {
            i += 2;  // an unfolded line goes on
            continue;
        }
        ics += ics_in[i];
    }
    const std::string escaped = "<script>&\"'\\,\\;";
    for (size_t at = ics.find("<script>"); at != std::string::npos;
         at = ics.find("<script>", at + 1)) {
        if (at > 1 && ics.compare(at - 2, 2, "=\"") == 0) {
            // A parameter value (CN="…") cannot escape; it must hold no
            // DQUOTE, so it ends at the next one.
            const size_t end = ics.find('"', at);
            if (end == std::string::npos ||
                std::string(":;").find(ics[end + 1]) == std::string::npos) {
                findings.push_back(where + ": a quote in a parameter value: " + around(ics, at));
            }
            continue;
        }
        if (ics.compare(at, escaped.size(), escaped) != 0) {
            findings.push_back(where + ": not escaped as RFC 5545 says: " + around(ics, at));
        }
    }
    icalcomponent* calendar = icalparser_parse_string(ics_in.c_str());
    if (!calendar) {
        findings.push_back(where + ": libical cannot parse it");
        return;
    }
    for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
         event; event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        const char* summary = icalcomponent_get_summary(event);
        if (summary && std::string(summary).find("<script>") != std::string::npos &&
            std::string(summary).find(kHostile + "T") == std::string::npos) {
            findings.push_back(where + ": SUMMARY does not read back as written: " + summary);
        }
    }
    icalcomponent_free(calendar);
}

/// data.json is data: text stays text, as written (today it holds no HTML;
/// Markdown fields are given as their source). Any HTML-bearing value (a key
/// ending in "html") is checked as HTML.
void check_json(const nlohmann::json& value, const std::string& key, const std::string& where,
                Findings& findings) {
    if (value.is_object()) {
        for (const auto& [k, v] : value.items()) check_json(v, k, where, findings);
    } else if (value.is_array()) {
        for (const auto& v : value) check_json(v, key, where, findings);
    } else if (value.is_string() && key.size() >= 4 &&
               key.compare(key.size() - 4, 4, "html") == 0) {
        check_html(value.get<std::string>(), where + " \"" + key + "\"", findings);
    } else if (value.is_string()) {
        // Plain text is kept as written, not escaped for HTML on its way.
        const std::string& text = value.get_ref<const std::string&>();
        if (text.find(",;T") != std::string::npos &&
            text.find(kHostile + "T") == std::string::npos) {
            findings.push_back(where + " \"" + key + "\": not the text as written: " + text);
        }
    }
}

}  // namespace

Findings check_output(const fs::path& out) {
    Findings findings;
    for (const auto& [path, bytes] : snapshot(out)) {
        const std::string ext = fs::path(path).extension().string();
        if (ext == ".html") {
            check_html(bytes, path, findings);
        } else if (ext == ".xml") {
            check_xml(bytes, path, findings);
        } else if (ext == ".ics") {
            check_ics(bytes, path, findings);
        } else if (ext == ".json") {
            if (!nlohmann::json::accept(bytes)) {
                findings.push_back(path + ": not JSON");
            } else {
                check_json(nlohmann::json::parse(bytes), "", path, findings);
            }
        }
    }
    return findings;
}

}  // namespace lspgen::test
