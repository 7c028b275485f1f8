#pragma once
// Live UDP input and output for sensor feeds (unicast and IPv4 multicast). A UdpReceiver owns a
// socket and one receiving thread that copies each datagram into a bounded queue: when the queue
// holds `capacity_bytes`, new datagrams are dropped and counted (a slow consumer never makes the
// kernel buffer overflow unseen), and the kernel's own drops are read from SO_RXQ_OVFL.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/result.h"

namespace straja::io {

/// "ADDRESS:PORT" or "GROUP:PORT@INTERFACE" (IPv4 dotted quads; INTERFACE is the address of the
/// local interface that joins a multicast group or sends to it; default: the kernel's choice).
/// ADDRESS may be empty or 0.0.0.0 for a receiver on every interface.
struct UdpEndpoint {
  std::uint32_t address = 0;  ///< host byte order
  std::uint16_t port = 0;
  std::uint32_t interface = 0;  ///< host byte order; 0: any

  bool multicast() const { return (address >> 28) == 0xEu; }
  std::string to_string() const;
  static Result<UdpEndpoint> parse(std::string_view text);
};

struct UdpCounters {
  std::uint64_t datagrams = 0;       ///< received and queued
  std::uint64_t bytes = 0;           ///< octets of the datagrams queued
  std::uint64_t dropped_full = 0;    ///< dropped because the queue was full
  std::uint64_t dropped_kernel = 0;  ///< dropped by the kernel (socket buffer overflow)
};

class UdpReceiver {
 public:
  /// Binds `endpoint` (joining its group when multicast) and starts receiving.
  static Result<std::unique_ptr<UdpReceiver>> open(const UdpEndpoint& endpoint,
                                                   std::size_t capacity_bytes = 8u << 20);
  ~UdpReceiver();
  UdpReceiver(const UdpReceiver&) = delete;
  UdpReceiver& operator=(const UdpReceiver&) = delete;

  /// The port actually bound (useful when the endpoint asked for port 0).
  std::uint16_t port() const { return port_; }
  /// Waits up to `timeout` for the next datagram and moves it into `out`. False on timeout.
  bool next(std::vector<std::uint8_t>& out, std::chrono::milliseconds timeout);
  UdpCounters counters() const;

 private:
  UdpReceiver(int socket, std::uint16_t port, std::size_t capacity);
  void receive_loop();

  int socket_;
  std::uint16_t port_;
  std::size_t capacity_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::vector<std::uint8_t>> queue_;
  std::size_t queued_bytes_ = 0;
  UdpCounters counters_;
  std::thread thread_;
};

class UdpSender {
 public:
  /// For multicast: TTL `multicast_ttl` (0 keeps datagrams on this host) and local loopback on.
  static Result<std::unique_ptr<UdpSender>> open(const UdpEndpoint& destination,
                                                 int multicast_ttl = 1);
  ~UdpSender();
  UdpSender(const UdpSender&) = delete;
  UdpSender& operator=(const UdpSender&) = delete;
  Status send(std::span<const std::uint8_t> datagram);

 private:
  UdpSender(int socket, const UdpEndpoint& destination)
      : socket_(socket), destination_(destination) {}
  int socket_;
  UdpEndpoint destination_;
};

}  // namespace straja::io
