#include "core/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace straja {
namespace {

/// madvise(`advice`) over the whole `unit`-aligned units inside [data, data + bytes) (`unit` a
/// power of two); nothing when there are none. Advisory: failure leaves the pages as they were,
/// so it is not reported.
void advise_whole_units(const void* data, std::size_t bytes, std::uintptr_t unit, int advice) {
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + unit - 1) & ~(unit - 1);
  const std::uintptr_t last = (begin + bytes) & ~(unit - 1);
  if (data == nullptr || last <= first) return;
  static_cast<void>(madvise(reinterpret_cast<void*>(first), last - first, advice));
}

}  // namespace

void advise_huge_pages(const void* data, std::size_t bytes) {
  // Failure (no THP support, an unmapped gap) leaves ordinary pages.
  advise_whole_units(data, bytes, std::uintptr_t{2} << 20, MADV_HUGEPAGE);
}

void commit_pages(const void* data, std::size_t bytes) {
  // Failure (a kernel before 5.14, memory short) leaves the pages to fault in on first touch.
  advise_whole_units(data, bytes, 4096, MADV_POPULATE_WRITE);
}

}  // namespace straja
