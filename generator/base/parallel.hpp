#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace lspgen {

/// How many threads the build uses: one per core, or LSPGEN_THREADS.
unsigned worker_count();

/// Calls work(worker, i) for every i in [0, n) on up to worker_count()
/// threads, each taking the next index as it finishes one, and returns when
/// all are done. worker is the thread's number, below worker_count(), for
/// state kept per thread. An exception thrown by work is rethrown here (the
/// first one).
template <typename Work>
void parallel_for_workers(size_t n, Work&& work) {
    const size_t threads = std::min<size_t>(worker_count(), n);
    if (threads <= 1) {
        for (size_t i = 0; i < n; ++i) work(size_t{0}, i);
        return;
    }
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto run = [&](size_t worker) {
        for (size_t i; (i = next.fetch_add(1)) < n;) {
            try {
                work(worker, i);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next.store(n);
            }
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(run, t);
    run(0);
    for (auto& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
}

/// parallel_for_workers() for work that keeps no state per thread: work(i).
template <typename Work>
void parallel_for(size_t n, Work&& work) {
    parallel_for_workers(n, [&work](size_t, size_t i) { work(i); });
}

}  // namespace lspgen
