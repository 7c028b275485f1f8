#include "io/background_queue.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace straja::io {
namespace {

TEST(BackgroundQueueTest, ConsumesEveryItemInPushOrderOnItsOwnThread) {
  std::vector<int> seen;
  std::thread::id consumer;
  BackgroundQueue<int> queue([&](const int& item) {
    seen.push_back(item);
    consumer = std::this_thread::get_id();
  });
  for (int i = 0; i < 10'000; ++i) queue.push(i);
  queue.finish();
  ASSERT_EQ(seen.size(), 10'000u);
  for (int i = 0; i < 10'000; ++i) ASSERT_EQ(seen[static_cast<std::size_t>(i)], i);
  EXPECT_NE(consumer, std::this_thread::get_id());
  queue.finish();  // idempotent
}

TEST(BackgroundQueueTest, FinishRethrowsTheConsumersFailureAndDropsWhatFollows) {
  std::vector<int> seen;
  BackgroundQueue<int> queue([&](const int& item) {
    if (item == 3) throw std::runtime_error("disk full");
    seen.push_back(item);
  });
  for (int i = 0; i < 6; ++i) queue.push(i);
  EXPECT_THROW(queue.finish(), std::runtime_error);
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2}));
  EXPECT_NO_THROW(queue.finish()) << "reported once";
}

TEST(BackgroundQueueTest, DestructorDrainsWithoutFinish) {
  int sum = 0;
  {
    BackgroundQueue<int> queue([&](const int& item) { sum += item; });
    for (int i = 1; i <= 100; ++i) queue.push(i);
  }
  EXPECT_EQ(sum, 5050);
}

}  // namespace
}  // namespace straja::io
