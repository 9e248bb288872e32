// Large arrays filled once: backed by 2 MB pages where the kernel allows.
#pragma once

#include <cstddef>

namespace quotetrace::graph::detail {

// Asks the kernel to back a large block not yet touched with 2 MB pages:
// filling a graph of a million statements otherwise spends most of its time
// in page faults. A hint only; nothing changes where it is refused.
void huge_pages(const void* p, std::size_t bytes) noexcept;

}  // namespace quotetrace::graph::detail
