#include "io/udp.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace straja::io {
namespace {

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  if (text.empty()) return 0u;
  in_addr address{};
  const std::string copy(text);
  if (::inet_pton(AF_INET, copy.c_str(), &address) != 1) return std::nullopt;
  return ntohl(address.s_addr);
}

std::string format_ipv4(std::uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string(address >> 16 & 0xFFu) + "." +
         std::to_string(address >> 8 & 0xFFu) + "." + std::to_string(address & 0xFFu);
}

sockaddr_in socket_address(std::uint32_t address, std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(address);
  a.sin_port = htons(port);
  return a;
}

Error os_error(const std::string& what) {
  return make_error(ErrorCode::kIo, what + ": " + std::strerror(errno));
}

}  // namespace

std::string UdpEndpoint::to_string() const {
  std::string text = format_ipv4(address) + ":" + std::to_string(port);
  if (interface != 0) text += "@" + format_ipv4(interface);
  return text;
}

Result<UdpEndpoint> UdpEndpoint::parse(std::string_view text) {
  const auto bad = [&](const std::string& why) {
    return make_error(ErrorCode::kParse, "UDP endpoint '" + std::string(text) + "': " + why +
                                             " (expected ADDRESS:PORT or GROUP:PORT@INTERFACE)");
  };
  UdpEndpoint endpoint;
  std::string_view rest = text;
  if (const auto at = rest.find('@'); at != std::string_view::npos) {
    const auto interface = parse_ipv4(rest.substr(at + 1));
    if (!interface || rest.substr(at + 1).empty()) return bad("bad interface address");
    endpoint.interface = *interface;
    rest = rest.substr(0, at);
  }
  const auto colon = rest.rfind(':');
  if (colon == std::string_view::npos) return bad("no port");
  const auto address = parse_ipv4(rest.substr(0, colon));
  if (!address) return bad("bad IPv4 address");
  endpoint.address = *address;
  const std::string_view port = rest.substr(colon + 1);
  unsigned value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (error != std::errc() || end != port.data() + port.size() || value > 65535)
    return bad("bad port");
  endpoint.port = static_cast<std::uint16_t>(value);
  return endpoint;
}

Result<std::unique_ptr<UdpReceiver>> UdpReceiver::open(const UdpEndpoint& endpoint,
                                                       std::size_t capacity_bytes) {
  const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) return os_error("socket");
  const auto fail = [s](const std::string& what) {
    Error error = os_error(what);
    ::close(s);
    return error;
  };
  const int on = 1;
  ::setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  ::setsockopt(s, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);
  const int kernel_buffer = 4 << 20;  // the kernel caps it at net.core.rmem_max
  ::setsockopt(s, SOL_SOCKET, SO_RCVBUF, &kernel_buffer, sizeof kernel_buffer);
  // A multicast receiver binds the group address, so it gets that group's datagrams only.
  const sockaddr_in local = socket_address(endpoint.address, endpoint.port);
  if (::bind(s, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
    return fail("bind " + endpoint.to_string());
  if (endpoint.multicast()) {
    ip_mreq request{};
    request.imr_multiaddr.s_addr = htonl(endpoint.address);
    request.imr_interface.s_addr = htonl(endpoint.interface);
    if (::setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) != 0)
      return fail("join multicast group " + endpoint.to_string());
  }
  sockaddr_in bound{};
  socklen_t length = sizeof bound;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&bound), &length);
  return std::unique_ptr<UdpReceiver>(new UdpReceiver(s, ntohs(bound.sin_port), capacity_bytes));
}

UdpReceiver::UdpReceiver(int socket, std::uint16_t port, std::size_t capacity)
    : socket_(socket), port_(port), capacity_(capacity) {
  thread_ = std::thread([this] { receive_loop(); });
}

UdpReceiver::~UdpReceiver() {
  stopping_ = true;
  thread_.join();
  ::close(socket_);
}

void UdpReceiver::receive_loop() {
  std::vector<std::uint8_t> buffer(65536);
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(std::uint32_t))];
  while (!stopping_) {
    pollfd wait{socket_, POLLIN, 0};
    if (::poll(&wait, 1, 50) <= 0) continue;  // wakes up to notice stopping_
    iovec io{buffer.data(), buffer.size()};
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t size = ::recvmsg(socket_, &message, MSG_DONTWAIT);
    if (size < 0) continue;
    std::optional<std::uint32_t> kernel_drops;
    for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
        std::uint32_t drops = 0;
        std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
        kernel_drops = drops;
      }
    }
    const auto n = static_cast<std::size_t>(size);
    std::lock_guard lock(mutex_);
    if (kernel_drops) counters_.dropped_kernel = *kernel_drops;  // cumulative count
    if (queued_bytes_ + n > capacity_) {
      ++counters_.dropped_full;
      continue;
    }
    queue_.emplace_back(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
    queued_bytes_ += n;
    ++counters_.datagrams;
    counters_.bytes += n;
    ready_.notify_one();
  }
}

bool UdpReceiver::next(std::vector<std::uint8_t>& out, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!ready_.wait_for(lock, timeout, [this] { return !queue_.empty(); })) return false;
  out = std::move(queue_.front());
  queue_.pop_front();
  queued_bytes_ -= out.size();
  return true;
}

UdpCounters UdpReceiver::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

Result<std::unique_ptr<UdpSender>> UdpSender::open(const UdpEndpoint& destination,
                                                   int multicast_ttl) {
  const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) return os_error("socket");
  if (destination.multicast()) {
    const unsigned char ttl = static_cast<unsigned char>(multicast_ttl);
    const unsigned char loop = 1;
    in_addr interface {};
    interface.s_addr = htonl(destination.interface);
    if (::setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0 ||
        ::setsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) != 0 ||
        ::setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, &interface, sizeof interface) != 0) {
      Error error = os_error("multicast options for " + destination.to_string());
      ::close(s);
      return error;
    }
  }
  return std::unique_ptr<UdpSender>(new UdpSender(s, destination));
}

UdpSender::~UdpSender() {
  ::close(socket_);
}

Status UdpSender::send(std::span<const std::uint8_t> datagram) {
  const sockaddr_in to = socket_address(destination_.address, destination_.port);
  const ssize_t sent = ::sendto(socket_, datagram.data(), datagram.size(), 0,
                                reinterpret_cast<const sockaddr*>(&to), sizeof to);
  if (sent < 0 || static_cast<std::size_t>(sent) != datagram.size())
    return os_error("send to " + destination_.to_string());
  return {};
}

}  // namespace straja::io
