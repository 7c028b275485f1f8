#include "server/picture_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <thread>
#include <utility>

#include "core/embedded_file.h"

namespace straja::server {

std::span<const EmbeddedFile> embedded_web_files();  // generated from index.html at build time

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::string_view kServerName = "straja";
constexpr std::string_view kHealthBody = R"({"status":"ok"})";
// The page is self-contained: it may only talk back to this server.
constexpr std::string_view kPageSecurityPolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";
// Connections beyond this are accepted and closed at once, so a flood cannot exhaust descriptors.
constexpr std::size_t kMaxConnections = 256;
// After a closing response the server stops sending and discards what the client still sends (up
// to these limits) before closing, so the client reads the response instead of a reset.
constexpr std::size_t kMaxDrainBytes = 256 * 1024;
constexpr std::chrono::seconds kDrainTimeout{2};
// Pause before accepting again after a failed accept (e.g. out of file descriptors).
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Beast 1.74 speaks boost::string_view.
beast::string_view bsv(std::string_view text) {
  return {text.data(), text.size()};
}

std::string_view page_html() {
  for (const EmbeddedFile& file : embedded_web_files()) {
    if (file.name == "index") return file.bytes;
  }
  return "<!doctype html><title>straja</title><p>page missing from this build</p>";
}

// "host:port" with IPv6 literals in brackets, for messages and URLs.
std::string host_port(std::string_view host, std::uint16_t port) {
  std::string text;
  if (host.find(':') != std::string_view::npos) {
    text.append("[").append(host).append("]");
  } else {
    text.append(host);
  }
  return text.append(":").append(std::to_string(port));
}

/// State shared by the server front end (any thread) and the sessions (I/O thread).
struct SharedState {
  explicit SharedState(ServerOptions opts) : options(std::move(opts)) {}

  std::shared_ptr<const std::string> tracks() const {
    std::lock_guard lock(mutex);
    return tracks_json;
  }
  std::shared_ptr<const std::string> summary() const {
    std::lock_guard lock(mutex);
    return summary_json;
  }

  const ServerOptions options;
  mutable std::mutex mutex;  // guards tracks_json, summary_json
  std::shared_ptr<const std::string> tracks_json = std::make_shared<const std::string>("[]");
  std::shared_ptr<const std::string> summary_json = std::make_shared<const std::string>("{}");
  std::atomic<std::uint64_t> requests_served{0};
  std::size_t open_connections = 0;  // I/O thread only (and the stopping thread after the join)
};

Response make_response(http::status status, unsigned version, bool keep_alive,
                       std::string_view content_type, std::string body) {
  Response response{status, version};
  response.set(http::field::server, bsv(kServerName));
  response.set(http::field::content_type, bsv(content_type));
  response.set("X-Content-Type-Options", "nosniff");
  response.keep_alive(keep_alive);
  response.body() = std::move(body);
  return response;
}

Response make_error_response(http::status status, unsigned version, bool keep_alive) {
  std::string body(http::obsolete_reason(status));
  body.insert(0, std::to_string(static_cast<unsigned>(status)) + " ");
  body.push_back('\n');
  Response response =
      make_response(status, version, keep_alive, "text/plain; charset=utf-8", std::move(body));
  response.set(http::field::cache_control, "no-store");
  return response;
}

Response make_json_response(const Request& request, std::string body) {
  Response response = make_response(http::status::ok, request.version(), request.keep_alive(),
                                    "application/json", std::move(body));
  response.set(http::field::cache_control, "no-store");
  return response;
}

// Routes one well-formed request. The path is matched exactly (query and fragment ignored); no
// route touches the file system, so "../" and friends simply do not match.
Response route(const Request& request, const SharedState& state) {
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  const std::string_view target(request.target().data(), request.target().size());
  if (target.empty() || target.front() != '/') {
    return make_error_response(http::status::bad_request, version, false);
  }
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    Response response = make_error_response(http::status::method_not_allowed, version, keep_alive);
    response.set(http::field::allow, "GET, HEAD");
    return response;
  }
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  if (path == "/" || path == "/index.html") {
    Response response = make_response(http::status::ok, version, keep_alive,
                                      "text/html; charset=utf-8", std::string(page_html()));
    response.set(http::field::cache_control, "no-cache");
    response.set("Content-Security-Policy", bsv(kPageSecurityPolicy));
    response.set("Referrer-Policy", "no-referrer");
    return response;
  }
  if (path == "/api/tracks") return make_json_response(request, *state.tracks());
  if (path == "/api/summary") return make_json_response(request, *state.summary());
  if (path == "/health") return make_json_response(request, std::string(kHealthBody));
  return make_error_response(http::status::not_found, version, keep_alive);
}

bool is_http_error(const beast::error_code& ec) {
  return ec.category() == make_error_code(http::error::bad_method).category();
}

/// One client connection: read a request, answer it, repeat while the client keeps the connection
/// alive. Lives as long as an asynchronous operation holds a shared_ptr to it; runs on the I/O
/// thread only.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, SharedState& state) : stream_(std::move(socket)), state_(state) {
    ++state_.open_connections;
  }
  ~Session() { --state_.open_connections; }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() { read_request(); }

 private:
  void read_request() {
    const std::size_t limit = state_.options.max_request_bytes;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(limit, std::numeric_limits<std::uint32_t>::max())));
    parser_->body_limit(static_cast<std::uint64_t>(limit));
    stream_.expires_after(state_.options.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t /*bytes*/) {
                       self->on_read(ec);
                     });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return close_gracefully();  // client is done
    if (ec == http::error::header_limit || ec == http::error::body_limit ||
        ec == http::error::buffer_overflow) {
      return send(make_error_response(http::status::payload_too_large, 11, false));
    }
    if (ec == http::error::partial_message) return close_now();  // client left mid-request
    if (ec == http::error::bad_version) {  // the parser accepts HTTP/1.0 and HTTP/1.1 only
      return send(make_error_response(http::status::http_version_not_supported, 11, false));
    }
    if (is_http_error(ec)) return send(make_error_response(http::status::bad_request, 11, false));
    if (ec) return close_now();  // timeout, reset, shutdown
    send(route(parser_->get(), state_));
  }

  void send(Response response) {
    const bool head =
        parser_ && parser_->is_header_done() && parser_->get().method() == http::verb::head;
    response_ = std::move(response);
    response_.prepare_payload();
    if (head) response_.body().clear();  // keeps the Content-Length of the GET answer
    state_.requests_served.fetch_add(1);
    stream_.expires_after(state_.options.read_timeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t /*bytes*/) {
                        self->on_write(ec);
                      });
  }

  void on_write(beast::error_code ec) {
    if (ec) return close_now();
    if (response_.need_eof()) return close_gracefully();
    read_request();
  }

  // Half-closes, then discards input until the client closes too (bounded in bytes and time).
  void close_gracefully() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close_now();
    drained_bytes_ = 0;
    stream_.expires_after(kDrainTimeout);
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_bytes_ += n;
                              if (ec || self->drained_bytes_ > kMaxDrainBytes)
                                return self->close_now();
                              self->drain();
                            });
  }

  void close_now() { stream_.close(); }

  beast::tcp_stream stream_;
  SharedState& state_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Response response_;
  std::array<char, 4096> drain_buffer_{};
  std::size_t drained_bytes_ = 0;
};

}  // namespace

struct PictureServer::Impl {
  explicit Impl(ServerOptions options)
      : state(std::move(options)), url_host(state.options.bind_address) {}

  // Keeps exactly one accept pending until the acceptor is closed. I/O thread only.
  void accept() {
    acceptor->async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (ec && ec != asio::error::connection_aborted) {
        retry_timer->expires_after(kAcceptRetryDelay);
        retry_timer->async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec) accept();
        });
        return;
      }
      if (!ec) {
        if (state.open_connections >= kMaxConnections) {
          beast::error_code ignored;
          socket.close(ignored);
        } else {
          beast::error_code ignored;
          socket.set_option(tcp::no_delay(true), ignored);
          std::make_shared<Session>(std::move(socket), state)->start();
        }
      }
      accept();
    });
  }

  void run_io() {
    for (;;) {
      try {
        io->run();
        return;
      } catch (const std::exception& e) {
        // A handler failed (e.g. out of memory building a response); keep serving the others.
        std::fprintf(stderr, "straja server: %s\n", e.what());
      }
    }
  }

  SharedState state;
  // Owned by the thread that calls start()/stop(); the I/O thread only runs them.
  std::unique_ptr<asio::io_context> io;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::steady_timer> retry_timer;
  std::thread thread;
  std::atomic<std::uint16_t> port{0};
  mutable std::mutex url_mutex;
  std::string url_host;  // guarded by url_mutex
};

PictureServer::PictureServer(ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

PictureServer::~PictureServer() {
  stop();
}

straja::Status PictureServer::start() {
  Impl& impl = *impl_;
  const ServerOptions& options = impl.state.options;
  const std::string where = host_port(options.bind_address, options.port);
  if (impl.thread.joinable()) {
    return make_error(ErrorCode::kIo, "cannot listen on " + where + ": server already running");
  }
  beast::error_code ec;
  const asio::ip::address address = asio::ip::make_address(options.bind_address, ec);
  if (ec) {
    return make_error(
        ErrorCode::kInvalidValue,
        "cannot listen on " + where + ": not an IP address: \"" + options.bind_address + "\"");
  }

  auto io = std::make_unique<asio::io_context>(1);
  auto acceptor = std::make_unique<tcp::acceptor>(*io);
  const tcp::endpoint endpoint(address, options.port);
  const auto fail = [&](const beast::error_code& error) {
    return make_error(ErrorCode::kIo, "cannot listen on " + where + ": " + error.message());
  };
  if (acceptor->open(endpoint.protocol(), ec); ec) return fail(ec);
  if (acceptor->set_option(asio::socket_base::reuse_address(true), ec); ec) return fail(ec);
  if (acceptor->bind(endpoint, ec); ec) return fail(ec);
  if (acceptor->listen(asio::socket_base::max_listen_connections, ec); ec) return fail(ec);
  const tcp::endpoint bound = acceptor->local_endpoint(ec);
  if (ec) return fail(ec);

  std::string shown_host = address.to_string();
  if (address.is_unspecified()) shown_host = address.is_v6() ? "::1" : "127.0.0.1";
  {
    std::lock_guard lock(impl.url_mutex);
    impl.url_host = std::move(shown_host);
  }
  impl.port.store(bound.port());

  impl.retry_timer = std::make_unique<asio::steady_timer>(*io);
  impl.acceptor = std::move(acceptor);
  impl.io = std::move(io);
  impl.accept();
  impl.thread = std::thread([&impl] { impl.run_io(); });
  return {};
}

void PictureServer::stop() {
  Impl& impl = *impl_;
  if (!impl.thread.joinable()) return;
  impl.io->stop();
  impl.thread.join();
  // I/O objects go before their context; destroying the context then destroys the handlers it
  // still holds, and with them the sessions and their sockets.
  impl.acceptor.reset();
  impl.retry_timer.reset();
  impl.io.reset();
}

std::uint16_t PictureServer::port() const {
  return impl_->port.load();
}

std::string PictureServer::url() const {
  std::lock_guard lock(impl_->url_mutex);
  return "http://" + host_port(impl_->url_host, impl_->port.load()) + "/";
}

void PictureServer::publish_tracks(std::string json_array) {
  auto body = std::make_shared<const std::string>(std::move(json_array));
  std::lock_guard lock(impl_->state.mutex);
  impl_->state.tracks_json.swap(body);
}

void PictureServer::publish_summary(std::string json_object) {
  auto body = std::make_shared<const std::string>(std::move(json_object));
  std::lock_guard lock(impl_->state.mutex);
  impl_->state.summary_json.swap(body);
}

std::uint64_t PictureServer::requests_served() const {
  return impl_->state.requests_served.load();
}

}  // namespace straja::server
