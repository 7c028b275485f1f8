#include "core/huge_pages.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace straja
