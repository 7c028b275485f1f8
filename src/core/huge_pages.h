#pragma once
// Transparent huge pages for large buffers about to be filled for the first time.
//
// A freshly allocated buffer costs one page fault per 4 KiB page on its first touch; a batch run
// fills several buffers of hundreds of megabytes (decoded plots, then the same in time order),
// and under virtualisation each fault costs microseconds. Backed by 2 MiB pages, the same buffer
// faults 512 times less often.

#include <cstddef>
#include <vector>

namespace straja {

/// Asks the kernel to back the 2 MiB-aligned part of [data, data + bytes) with transparent huge
/// pages (madvise MADV_HUGEPAGE). Advisory: nothing happens where the kernel offers none, the
/// range is too small or the call fails; the buffer's contents are untouched either way.
void advise_huge_pages(const void* data, std::size_t bytes);

/// The same for a vector's whole capacity (call after reserve, before filling it).
template <class T>
void advise_huge_pages(const std::vector<T>& buffer) {
  advise_huge_pages(buffer.data(), buffer.capacity() * sizeof(T));
}

}  // namespace straja
