#pragma once
// Transparent huge pages for large buffers about to be filled for the first time.
//
// A freshly allocated buffer costs one page fault per 4 KiB page on its first touch; a batch run
// fills several buffers of hundreds of megabytes (decoded plots, then the same in time order),
// and under virtualisation each fault costs microseconds. Backed by 2 MiB pages, the same buffer
// faults 512 times less often. A buffer grown ahead of its use (a tracker's room for more tracks)
// is also committed at once: one system call instead of a fault per page later, in the hot path.

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

namespace straja {

/// Asks the kernel to back the 2 MiB-aligned part of [data, data + bytes) with transparent huge
/// pages (madvise MADV_HUGEPAGE). Advisory: nothing happens where the kernel offers none, the
/// range is too small or the call fails; the buffer's contents are untouched either way.
void advise_huge_pages(const void* data, std::size_t bytes);

/// Commits the whole pages inside [data, data + bytes) now, in one system call (madvise
/// MADV_POPULATE_WRITE), instead of one page fault per page at its first touch. Advisory: where
/// the kernel cannot, the pages fault in as before; the contents are untouched either way.
void commit_pages(const void* data, std::size_t bytes);

/// Reserves room for `count` elements in `buffer` and advises its whole capacity onto huge pages
/// (before it is filled: pages already touched keep their size).
template <class T>
void reserve_on_huge_pages(std::vector<T>& buffer, std::size_t count) {
  buffer.reserve(count);
  advise_huge_pages(buffer.data(), buffer.capacity() * sizeof(T));
}

/// Makes room for `count` elements in `buffer` when it has less: at least doubles its capacity
/// (amortised constant growth, as push_back's), in storage advised onto huge pages before the
/// elements move in, and commits the room beyond them (commit_pages): the buffer's later growth
/// into it waits on no page fault.
template <class T>
void grow_on_huge_pages(std::vector<T>& buffer, std::size_t count) {
  if (count <= buffer.capacity()) return;
  std::vector<T> grown;
  reserve_on_huge_pages(grown, std::max(count, 2 * buffer.capacity()));
  grown.insert(grown.end(), std::make_move_iterator(buffer.begin()),
               std::make_move_iterator(buffer.end()));
  buffer.swap(grown);
  commit_pages(buffer.data() + buffer.size(), (buffer.capacity() - buffer.size()) * sizeof(T));
}

/// grow_on_huge_pages(buffer, count) for each of `buffers` (a batch's per-item buffers).
template <class... Buffers>
void grow_each_on_huge_pages(std::size_t count, Buffers&... buffers) {
  (grow_on_huge_pages(buffers, count), ...);
}

}  // namespace straja
