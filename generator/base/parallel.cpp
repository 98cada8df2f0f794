#include "base/parallel.hpp"

#include <cstdlib>
#include <string>

namespace lspgen {

unsigned worker_count() {
    static const unsigned count = [] {
        if (const char* asked = std::getenv("LSPGEN_THREADS"); asked && *asked) {
            try {
                const long n = std::stol(asked);
                if (n >= 1 && n <= 256) return static_cast<unsigned>(n);
            } catch (const std::exception&) {
            }
        }
        return std::max(1u, std::thread::hardware_concurrency());
    }();
    return count;
}

}  // namespace lspgen
