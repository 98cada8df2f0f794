// Fuzz target: a hub reading a partnership's published data.json. The
// first byte picks the base for relative links (none, or a site's address);
// the rest is the file as fetched. A wrong shape is a warning, never a
// crash, and a file that is accepted gives what the hub shows.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "audit/audit.hpp"
#include "base/diagnostics.hpp"
#include "fuzz_input.hpp"
#include "hub/partnership.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace lspgen;
    fuzz::Input input(data, size);
    const std::string base = (input.byte() & 1) ? "https://lsp.example.org/fuzz/" : "";
    const std::string text = input.rest();
    hub::Partnership partnership;
    audit::Evidence evidence;
    Diagnostics warnings;
    const bool ok = hub::read_open_data(text, "https://lsp.example.org/fuzz/data.json", base,
                                        Date{2009, 3, 1}, partnership, evidence, warnings);
    // A rejected file always says why; an accepted one may still warn about
    // an address it left out.
    if (!ok && warnings.all().empty()) std::abort();
    if (warnings.error_count() != 0) std::abort();  // a partnership's fault is only a warning
    if (ok) {
        if (partnership.slug.empty() || partnership.name.empty()) std::abort();
        if (!partnership.website.empty() && partnership.website.back() != '/') std::abort();
        for (size_t i = 1; i < partnership.events.size(); ++i) {
            if (partnership.events[i].date < partnership.events[i - 1].date) std::abort();
        }
    }
    std::ostringstream sink;
    warnings.print(sink);
    return 0;
}
