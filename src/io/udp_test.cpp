#include "io/udp.h"

#include <gtest/gtest.h>

#include <thread>

namespace straja::io {
namespace {

using namespace std::chrono_literals;

TEST(UdpEndpoint, ParsesUnicastMulticastAndInterface) {
  const auto unicast = UdpEndpoint::parse("127.0.0.1:8600");
  ASSERT_TRUE(unicast.ok());
  EXPECT_EQ(unicast->address, 0x7F000001u);
  EXPECT_EQ(unicast->port, 8600);
  EXPECT_FALSE(unicast->multicast());
  const auto group = UdpEndpoint::parse("239.1.2.3:21000@127.0.0.1");
  ASSERT_TRUE(group.ok());
  EXPECT_TRUE(group->multicast());
  EXPECT_EQ(group->interface, 0x7F000001u);
  EXPECT_EQ(group->to_string(), "239.1.2.3:21000@127.0.0.1");
  EXPECT_EQ(UdpEndpoint::parse(":9000")->address, 0u);
  for (const char* bad : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:70000", "1.2.3:80", "1.2.3.4:80@",
                          "1.2.3.4:80@x", "host:80", "1.2.3.4:8x"}) {
    const auto parsed = UdpEndpoint::parse(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.error().message.find(bad), std::string::npos) << parsed.error().message;
  }
}

std::vector<std::uint8_t> datagram(std::uint8_t tag, std::size_t size) {
  return std::vector<std::uint8_t>(size, tag);
}

TEST(UdpReceiver, ReceivesUnicastDatagramsInOrder) {
  auto receiver = UdpReceiver::open(*UdpEndpoint::parse("127.0.0.1:0"));
  ASSERT_TRUE(receiver.ok()) << receiver.error().message;
  ASSERT_NE((*receiver)->port(), 0);
  auto sender =
      UdpSender::open(*UdpEndpoint::parse("127.0.0.1:" + std::to_string((*receiver)->port())));
  ASSERT_TRUE(sender.ok());
  for (std::uint8_t i = 1; i <= 5; ++i) ASSERT_TRUE((*sender)->send(datagram(i, 100u * i)).ok());
  std::vector<std::uint8_t> got;
  for (std::uint8_t i = 1; i <= 5; ++i) {
    ASSERT_TRUE((*receiver)->next(got, 5s)) << "datagram " << int{i};
    EXPECT_EQ(got, datagram(i, 100u * i));
  }
  EXPECT_FALSE((*receiver)->next(got, 10ms));
  const UdpCounters counters = (*receiver)->counters();
  EXPECT_EQ(counters.datagrams, 5u);
  EXPECT_EQ(counters.bytes, 1500u);
  EXPECT_EQ(counters.dropped_full, 0u);
}

TEST(UdpReceiver, JoinsAMulticastGroupOnTheLoopbackInterface) {
  auto receiver = UdpReceiver::open(*UdpEndpoint::parse("239.255.70.1:0@127.0.0.1"));
  ASSERT_TRUE(receiver.ok()) << receiver.error().message;
  const auto group =
      UdpEndpoint::parse("239.255.70.1:" + std::to_string((*receiver)->port()) + "@127.0.0.1");
  auto sender = UdpSender::open(*group, 0);
  ASSERT_TRUE(sender.ok()) << sender.error().message;
  ASSERT_TRUE((*sender)->send(datagram(7, 64)).ok());
  std::vector<std::uint8_t> got;
  ASSERT_TRUE((*receiver)->next(got, 5s));
  EXPECT_EQ(got, datagram(7, 64));
}

TEST(UdpReceiver, FullQueueDropsAndCountsInsteadOfGrowing) {
  // Room for three 1000-octet datagrams; nobody consumes while twenty arrive.
  auto receiver = UdpReceiver::open(*UdpEndpoint::parse("127.0.0.1:0"), 3000);
  ASSERT_TRUE(receiver.ok());
  auto sender =
      UdpSender::open(*UdpEndpoint::parse("127.0.0.1:" + std::to_string((*receiver)->port())));
  for (int i = 0; i < 20; ++i) ASSERT_TRUE((*sender)->send(datagram(1, 1000)).ok());
  // Wait (bounded) until the receiving thread has seen all twenty.
  for (int i = 0; i < 500; ++i) {
    const UdpCounters c = (*receiver)->counters();
    if (c.datagrams + c.dropped_full + c.dropped_kernel >= 20) break;
    std::this_thread::sleep_for(10ms);
  }
  const UdpCounters counters = (*receiver)->counters();
  EXPECT_EQ(counters.datagrams, 3u);
  EXPECT_EQ(counters.dropped_full + counters.dropped_kernel, 17u);
  std::vector<std::uint8_t> got;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE((*receiver)->next(got, 1s));
  EXPECT_FALSE((*receiver)->next(got, 10ms));
}

}  // namespace
}  // namespace straja::io
