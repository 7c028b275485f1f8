#include "core/huge_pages.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace straja {
namespace {

/// Whether the kernel offers transparent huge pages to a process that asks (THP "always" or
/// "madvise"), or nullopt where it cannot tell.
std::optional<bool> huge_pages_offered() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  if (!std::getline(in, modes)) return std::nullopt;
  return modes.find("[never]") == std::string::npos;
}

/// The THPeligible flag /proc/self/smaps gives the mapping holding `address`.
std::optional<bool> huge_page_eligible(const void* address) {
  std::ifstream in("/proc/self/smaps");
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream header(line);
    if (header >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= at && at < end;
    } else if (inside && line.starts_with("THPeligible:")) {
      return line.find('1') != std::string::npos;
    }
  }
  return std::nullopt;
}

TEST(HugePages, AdvisedBufferKeepsItsContentsAndBecomesEligible) {
  std::vector<std::uint64_t> buffer(3 << 20);  // 24 MiB: several aligned 2 MiB pages inside
  std::iota(buffer.begin(), buffer.end(), std::uint64_t{7});
  advise_huge_pages(buffer.data(), buffer.size() * sizeof(std::uint64_t));
  for (std::size_t i = 0; i < buffer.size(); i += 4099) ASSERT_EQ(buffer[i], 7 + i);
  const std::optional<bool> offered = huge_pages_offered();
  if (!offered || !*offered) GTEST_SKIP() << "this kernel offers no transparent huge pages";
  // The middle of the buffer is inside its 2 MiB-aligned part.
  const std::optional<bool> eligible = huge_page_eligible(buffer.data() + buffer.size() / 2);
  if (!eligible) GTEST_SKIP() << "this kernel's /proc/self/smaps has no THPeligible line";
  EXPECT_TRUE(*eligible);
}

TEST(HugePages, SmallEmptyAndNullRangesAreLeftAlone) {
  std::vector<int> small(10, 3);
  advise_huge_pages(small.data(), small.size() * sizeof(int));
  std::vector<int> empty;
  reserve_on_huge_pages(empty, 0);
  advise_huge_pages(nullptr, 1 << 30);
  EXPECT_EQ(small, std::vector<int>(10, 3));
  EXPECT_TRUE(empty.empty());
  reserve_on_huge_pages(empty, 1'000);
  EXPECT_GE(empty.capacity(), 1'000u);
}

// Growth keeps every element (move-only ones too), at least doubles the capacity when short
// and leaves a buffer with room untouched.
TEST(HugePages, GrowingKeepsTheElementsAndAtLeastDoubles) {
  std::vector<std::unique_ptr<int>> buffer;
  buffer.reserve(100);
  for (int i = 0; i < 100; ++i) buffer.push_back(std::make_unique<int>(i));
  const int* first = buffer.front().get();
  grow_on_huge_pages(buffer, 100);  // room already
  EXPECT_EQ(buffer.capacity(), 100u);
  grow_on_huge_pages(buffer, 101);
  EXPECT_GE(buffer.capacity(), 200u);
  ASSERT_EQ(buffer.size(), 100u);
  EXPECT_EQ(buffer.front().get(), first);  // moved, not copied
  for (int i = 0; i < 100; ++i) EXPECT_EQ(*buffer[static_cast<std::size_t>(i)], i);
  grow_on_huge_pages(buffer, 5'000);
  EXPECT_GE(buffer.capacity(), 5'000u);
  EXPECT_EQ(*buffer.back(), 99);
}

// Each buffer given grows to the count, its elements kept; one already large enough is untouched.
TEST(HugePages, GrowingEachGrowsEveryBuffer) {
  std::vector<double> small(3, 2.5);
  std::vector<int> empty;
  std::vector<char> large;
  large.reserve(10'000);
  const char* large_data = large.data();
  grow_each_on_huge_pages(500, small, empty, large);
  EXPECT_GE(small.capacity(), 500u);
  EXPECT_EQ(small, std::vector<double>(3, 2.5));
  EXPECT_GE(empty.capacity(), 500u);
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(large.data(), large_data);
}

/// Which of the `pages` pages from `base` are resident (mincore).
std::vector<bool> resident_pages(void* base, std::size_t pages) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> flags(pages);
  EXPECT_EQ(mincore(base, pages * page, flags.data()), 0);
  std::vector<bool> resident(pages);
  for (std::size_t i = 0; i < pages; ++i) resident[i] = (flags[i] & 1u) != 0;
  return resident;
}

// Committing makes every whole page of the range resident at once and leaves what the range
// already held as it was; a page the range covers only in part is left alone.
TEST(HugePages, CommittingMakesTheWholePagesResidentAndKeepsTheContents) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  ASSERT_EQ(page, 4096u) << "commit_pages assumes 4 KiB base pages";
  constexpr std::size_t kPages = 16;  // far below a huge page: each page faults on its own
  void* mapped =
      mmap(nullptr, kPages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(mapped, MAP_FAILED);
  auto* bytes = static_cast<unsigned char*>(mapped);
  if (madvise(bytes + (kPages - 1) * page, page, MADV_POPULATE_WRITE) != 0) {
    munmap(mapped, kPages * page);
    GTEST_SKIP() << "this kernel cannot commit pages ahead (MADV_POPULATE_WRITE, Linux 5.14)";
  }
  bytes[page + 7] = 42;  // page 1 holds data; pages 2 .. 14 were never touched
  const std::vector<bool> before = resident_pages(mapped, kPages);
  EXPECT_FALSE(before[0]);
  EXPECT_TRUE(before[1]);
  EXPECT_FALSE(before[5]);
  // From inside page 0 to inside page 14: pages 1 .. 13 are whole.
  commit_pages(bytes + 100, 14 * page);
  const std::vector<bool> after = resident_pages(mapped, kPages);
  EXPECT_FALSE(after[0]);
  for (std::size_t i = 1; i <= 13; ++i) EXPECT_TRUE(after[i]) << "page " << i;
  EXPECT_FALSE(after[14]);
  EXPECT_EQ(bytes[page + 7], 42);
  EXPECT_EQ(bytes[5 * page], 0);
  commit_pages(nullptr, 1 << 20);  // nothing to commit: no effect, no crash
  munmap(mapped, kPages * page);
}

// Growth commits the room beyond the elements it moved.
TEST(HugePages, GrowingCommitsTheRoomBeyondTheElements) {
  std::vector<double> buffer(10, 1.5);
  grow_on_huge_pages(buffer, 100'000);  // 800 kB: its own mapping, fresh pages
  ASSERT_GE(buffer.capacity(), 100'000u);
  const auto page = std::uintptr_t{4096};
  const auto begin =
      (reinterpret_cast<std::uintptr_t>(buffer.data() + buffer.size()) + page - 1) & ~(page - 1);
  const auto end =
      reinterpret_cast<std::uintptr_t>(buffer.data() + buffer.capacity()) & ~(page - 1);
  ASSERT_LT(begin, end);
  const auto pages = static_cast<std::size_t>((end - begin) / page);
  const std::vector<bool> resident = resident_pages(reinterpret_cast<void*>(begin), pages);
  if (std::find(resident.begin(), resident.end(), false) != resident.end() &&
      madvise(reinterpret_cast<void*>(begin), page, MADV_POPULATE_WRITE) != 0) {
    GTEST_SKIP() << "this kernel cannot commit pages ahead (MADV_POPULATE_WRITE, Linux 5.14)";
  }
  EXPECT_EQ(std::count(resident.begin(), resident.end(), false), 0);
  EXPECT_EQ(buffer, std::vector<double>(10, 1.5));
}

}  // namespace
}  // namespace straja
