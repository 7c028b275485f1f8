#include "server/picture_server.h"

#include <spdlog/spdlog.h>

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
#include <boost/beast/websocket.hpp>
#include <cmath>
#include <deque>
#include <exception>
#include <fstream>
#include <iterator>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <utility>

#include "core/embedded_file.h"
#include "server/access_token.h"
#include "server/static_files.h"
#include "server/track_table.h"

namespace straja::server {

std::span<const EmbeddedFile> embedded_web_files();  // generated from index.html at build time

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

constexpr std::string_view kServerName = "straja";
constexpr std::string_view kHealthBody = R"({"status":"ok"})";
// The embedded page is self-contained: it may only talk back to this server.
constexpr std::string_view kPageSecurityPolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";
// Connections (HTTP and WebSocket) beyond this are accepted and closed at once, so a flood cannot
// exhaust descriptors.
constexpr std::size_t kMaxConnections = 256;
// After a closing response the server stops sending and discards what the client still sends (up
// to these limits) before closing, so the client reads the response instead of a reset.
constexpr std::size_t kMaxDrainBytes = 256 * 1024;
constexpr std::chrono::seconds kDrainTimeout{2};
// Pause before accepting again after a failed accept (e.g. out of file descriptors).
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
// Static files larger than this are not served (the front end's are a few MiB at most).
constexpr std::uintmax_t kMaxStaticFileBytes = 256u << 20;
constexpr std::chrono::seconds kStatsPeriod{1};

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Beast 1.74 speaks boost::string_view.
beast::string_view bsv(std::string_view text) {
  return {text.data(), text.size()};
}
std::string_view sv(beast::string_view text) {
  return {text.data(), text.size()};
}

std::string_view fallback_page() {
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

template <class Socket>
std::string peer_of(const Socket& socket) {
  beast::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  return ec ? std::string("unknown") : host_port(peer.address().to_string(), peer.port());
}

/// One published picture with the documents that do not change until the next one.
struct Published {
  Picture picture;
  std::string tracks_array;
  std::string sensors;
  std::string summary;
  std::uint64_t version = 0;
};

class WsSession;

/// State shared by the server front end (any thread) and the sessions (I/O thread).
struct SharedState {
  explicit SharedState(ServerOptions opts) : options(std::move(opts)) {
    auto empty = std::make_shared<Published>();
    empty->tracks_array = "[]";
    empty->sensors = "[]";
    empty->summary = summary_json(empty->picture);
    published = std::move(empty);
  }

  std::shared_ptr<const Published> current() const {
    std::lock_guard lock(mutex);
    return published;
  }

  ServerCounters counters() const {
    ServerCounters c;
    c.http_requests = http_requests.load();
    c.auth_failures = auth_failures.load();
    c.ws_clients = ws_clients.load();
    c.ws_messages_sent = ws_messages_sent.load();
    c.ws_messages_received = ws_messages_received.load();
    c.ws_snapshots_resent = ws_snapshots_resent.load();
    c.ws_policy_closes = ws_policy_closes.load();
    return c;
  }

  const ServerOptions options;
  mutable std::mutex mutex;  // guards published, history, replay_handler
  std::shared_ptr<const Published> published;
  TrackHistory history;
  ReplayHandler replay_handler;
  std::uint64_t next_version = 1;  // guarded by mutex

  std::atomic<std::uint64_t> http_requests{0};
  std::atomic<std::uint64_t> auth_failures{0};
  std::atomic<std::uint64_t> ws_clients{0};
  std::atomic<std::uint64_t> ws_messages_sent{0};
  std::atomic<std::uint64_t> ws_messages_received{0};
  std::atomic<std::uint64_t> ws_snapshots_resent{0};
  std::atomic<std::uint64_t> ws_policy_closes{0};

  // I/O thread only (and the stopping thread after the join).
  std::size_t open_connections = 0;
  std::unordered_set<WsSession*> clients;
  TrackTable broadcast;  // what every client has been sent (or will be, in its queue)
  Time broadcast_time{};
  std::uint64_t broadcast_version = 0;
  std::shared_ptr<const std::string> snapshot;  // of `broadcast`, built on demand

  /// Brings the broadcast table to the latest picture; the delta frame, or nothing when the
  /// picture has not changed since.
  std::optional<std::string> advance_broadcast() {
    const std::shared_ptr<const Published> latest = current();
    if (latest->version == broadcast_version) return std::nullopt;
    const TrackDelta delta = broadcast.update(latest->picture.tracks);
    broadcast_version = latest->version;
    broadcast_time = latest->picture.time;
    snapshot.reset();
    return delta_frame(broadcast_time, delta);
  }

  std::shared_ptr<const std::string> snapshot_frame() {
    if (!snapshot)
      snapshot = std::make_shared<const std::string>(broadcast.snapshot_frame(broadcast_time));
    return snapshot;
  }
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

Response make_text_response(const Request& request, std::string_view content_type,
                            std::string body) {
  Response response = make_response(http::status::ok, request.version(), request.keep_alive(),
                                    content_type, std::move(body));
  response.set(http::field::cache_control, "no-store");
  return response;
}

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > kMaxStaticFileBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) return std::nullopt;
  return bytes;
}

Response page_response(const Request& request) {
  Response response = make_response(http::status::ok, request.version(), request.keep_alive(),
                                    "text/html; charset=utf-8", std::string(fallback_page()));
  response.set(http::field::cache_control, "no-cache");
  response.set("Content-Security-Policy", bsv(kPageSecurityPolicy));
  response.set("Referrer-Policy", "no-referrer");
  return response;
}

Response static_response(const Request& request, std::string_view path, const SharedState& state) {
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  const bool page = path == "/" || path == "/index.html";
  if (!state.options.web_root) {
    // Without a front end only the page exists; still refuse what would leave a root.
    if (page) return page_response(request);
    const StaticFile none = resolve_static_file("/nonexistent-straja-root", path);
    return make_error_response(none.status == StaticStatus::kBadRequest ? http::status::bad_request
                                                                        : http::status::not_found,
                               version, keep_alive);
  }
  const StaticFile file = resolve_static_file(*state.options.web_root, path);
  if (file.status == StaticStatus::kBadRequest) {
    return make_error_response(http::status::bad_request, version, keep_alive);
  }
  if (file.status == StaticStatus::kNotFound) {
    if (page) return page_response(request);  // a web root without index.html
    return make_error_response(http::status::not_found, version, keep_alive);
  }
  auto bytes = read_whole_file(file.path);
  if (!bytes) return make_error_response(http::status::not_found, version, keep_alive);
  Response response =
      make_response(http::status::ok, version, keep_alive,
                    content_type_for(file.path.filename().string()), std::move(*bytes));
  response.set(http::field::cache_control, "no-cache");
  response.set("Referrer-Policy", "no-referrer");
  return response;
}

std::optional<std::uint64_t> parse_track_id(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::uint64_t id = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return id;
}

/// Whether the request may be answered: no token configured, or the right one presented.
/// `via_query` tells that the token came in the URL (the answer then sets the cookie).
bool authorized(const Request& request, const SharedState& state, bool& via_query) {
  via_query = false;
  if (state.options.token.empty()) return true;
  const std::string_view target = sv(request.target());
  const std::size_t question = target.find('?');
  const std::string_view query =
      question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
  const auto token = presented_token(sv(request[http::field::authorization]), query,
                                     sv(request[http::field::cookie]));
  if (!token || !constant_time_equal(*token, state.options.token)) return false;
  via_query = sv(request[http::field::authorization]).empty() &&
              query_parameter(query, "token").has_value();
  return true;
}

// Routes one well-formed, authorized GET/HEAD request that is not a WebSocket upgrade.
Response route(const Request& request, SharedState& state, std::string_view path) {
  const std::shared_ptr<const Published> published = state.current();
  if (path == "/api/tracks") return make_json_response(request, published->tracks_array);
  if (path.starts_with("/api/tracks/")) {
    if (const auto id = parse_track_id(path.substr(12))) {
      std::optional<std::string> body;
      {
        std::lock_guard lock(state.mutex);
        body = state.history.track_with_history(state.published->picture.tracks, *id);
      }
      if (body) return make_json_response(request, std::move(*body));
    }
    return make_error_response(http::status::not_found, request.version(), request.keep_alive());
  }
  if (path == "/api/sensors") return make_json_response(request, published->sensors);
  if (path == "/api/stats") {
    return make_json_response(request, stats_json(published->picture, state.ws_clients.load()));
  }
  if (path == "/api/summary") return make_json_response(request, published->summary);
  if (path == "/api/coverage") {
    return make_json_response(
        request, state.options.coverage ? state.options.coverage->listing_json() : "[]");
  }
  if (path.starts_with("/api/coverage/")) {
    // Ids are the catalog's own: anything else, a path included, is simply not one of them.
    const CoverageLayer* layer =
        state.options.coverage ? state.options.coverage->find(path.substr(14)) : nullptr;
    if (!layer) {
      return make_error_response(http::status::not_found, request.version(), request.keep_alive());
    }
    return make_text_response(request, "application/geo+json", layer->geojson);
  }
  if (path == "/health") return make_json_response(request, std::string(kHealthBody));
  if (path == "/metrics") {
    return make_text_response(request, "text/plain; version=0.0.4; charset=utf-8",
                              metrics_text(published->picture, state.counters()));
  }
  if (path.starts_with("/api/") || path == "/api" || path == "/ws") {
    return make_error_response(http::status::not_found, request.version(), request.keep_alive());
  }
  return static_response(request, path, state);
}

bool is_http_error(const beast::error_code& ec) {
  return ec.category() == make_error_code(http::error::bad_method).category();
}

/// One WebSocket client: a snapshot, then every frame the server broadcasts, with a bounded queue
/// (see ServerOptions::max_queued_frames); client messages are bounded in size and rate. Runs on
/// the I/O thread only; registered in SharedState::clients while it lives.
class WsSession : public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(tcp::socket socket, SharedState& state, std::string peer)
      : ws_(std::move(socket)), state_(state), peer_(std::move(peer)) {
    ++state_.open_connections;
  }
  ~WsSession() {
    --state_.open_connections;
    if (state_.clients.erase(this) > 0) {
      state_.ws_clients.fetch_sub(1);
      spdlog::info("event=ws_disconnect client={} clients={}", peer_, state_.clients.size());
    }
  }
  WsSession(const WsSession&) = delete;
  WsSession& operator=(const WsSession&) = delete;

  void start(Request request) {
    upgrade_ = std::move(request);  // must outlive the handshake
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
      response.set(http::field::server, bsv(kServerName));
    }));
    ws_.read_message_max(0);  // the session bounds messages itself (close code 1008)
    ws_.async_accept(upgrade_,
                     [self = shared_from_this()](beast::error_code ec) { self->on_accept(ec); });
  }

  /// Queues a frame; a client already holding too much loses its queue and gets a snapshot next.
  void send(std::shared_ptr<const std::string> frame) {
    if (closing_) return;
    const SharedState& s = state_;
    if (queue_.size() >= s.options.max_queued_frames ||
        queued_bytes_ + frame->size() > s.options.max_queued_bytes) {
      if (!needs_snapshot_) state_.ws_snapshots_resent.fetch_add(1);
      queue_.clear();
      queued_bytes_ = 0;
      needs_snapshot_ = true;
    } else {
      queued_bytes_ += frame->size();
      queue_.push_back(std::move(frame));
    }
    if (!writing_) write_next();
  }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) return;
    if (state_.clients.empty()) state_.advance_broadcast();  // nobody else needs that delta
    state_.clients.insert(this);
    state_.ws_clients.fetch_add(1);
    spdlog::info("event=ws_connect client={} clients={}", peer_, state_.clients.size());
    needs_snapshot_ = true;
    write_next();
    window_start_ = std::chrono::steady_clock::now();
    read();
  }

  void write_next() {
    if (closing_) return close_with_policy();
    std::shared_ptr<const std::string> frame;
    if (needs_snapshot_) {
      // The snapshot holds everything the queued deltas would have brought.
      needs_snapshot_ = false;
      queue_.clear();
      queued_bytes_ = 0;
      frame = state_.snapshot_frame();
    } else if (!queue_.empty()) {
      frame = std::move(queue_.front());
      queue_.pop_front();
      queued_bytes_ -= frame->size();
    } else {
      return;
    }
    writing_ = true;
    ws_.text(true);
    const auto buffer = asio::buffer(frame->data(), frame->size());
    ws_.async_write(buffer,
                    [self = shared_from_this(), frame](beast::error_code write_ec, std::size_t) {
                      self->writing_ = false;
                      if (write_ec)
                        return;  // the connection is gone; the read fails too and ends the session
                      self->state_.ws_messages_sent.fetch_add(1);
                      self->write_next();
                    });
  }

  void read() {
    const std::size_t max = state_.options.max_client_message_bytes;
    const std::size_t room = max + 1 - std::min(max, message_.size());
    ws_.async_read_some(
        message_, room,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) return;  // closed by the client, timed out, or the server stopping
    if (message_.size() > state_.options.max_client_message_bytes) {
      return policy_close("message larger than " +
                          std::to_string(state_.options.max_client_message_bytes) + " bytes");
    }
    if (!ws_.is_message_done()) return read();
    state_.ws_messages_received.fetch_add(1);
    const auto now = std::chrono::steady_clock::now();
    if (now - window_start_ >= std::chrono::seconds(1)) {
      window_start_ = now;
      window_messages_ = 0;
    }
    if (++window_messages_ > state_.options.max_client_messages_per_s) {
      return policy_close("more than " + std::to_string(state_.options.max_client_messages_per_s) +
                          " messages per second");
    }
    const std::string text = beast::buffers_to_string(message_.data());
    message_.consume(message_.size());
    handle_message(text);
    read();
  }

  void handle_message(const std::string& text) {
    const nlohmann::json message = nlohmann::json::parse(text, nullptr, false);
    auto reply_error = [&](const std::string& why) {
      nlohmann::json error = {{"type", "error"}, {"message", why}};
      send(std::make_shared<const std::string>(error.dump()));
    };
    if (message.is_discarded() || !message.is_object()) return reply_error("not a JSON object");
    const auto type = message.find("type");
    if (type == message.end() || *type != "replay") {
      return reply_error("unknown message type (expected \"replay\")");
    }
    const auto action = message.find("action");
    if (action == message.end() || !action->is_string()) return reply_error("replay: no action");
    ReplayCommand command;
    const std::string& name = action->get_ref<const std::string&>();
    if (name == "pause") {
      command.action = ReplayCommand::Action::kPause;
    } else if (name == "resume") {
      command.action = ReplayCommand::Action::kResume;
    } else if (name == "speed") {
      command.action = ReplayCommand::Action::kSpeed;
      const auto value = message.find("value");
      if (value == message.end() || !value->is_number() || !(value->get<double>() > 0.0) ||
          !std::isfinite(value->get<double>())) {
        return reply_error("replay speed: \"value\" must be a positive number");
      }
      command.speed = value->get<double>();
    } else if (name == "seek") {
      command.action = ReplayCommand::Action::kSeek;
      const auto time = message.find("time");
      if (time == message.end() || !time->is_string()) {
        return reply_error("replay seek: \"time\" must be an ISO 8601 UTC time");
      }
      auto parsed = parse_iso8601(time->get_ref<const std::string&>());
      if (!parsed) return reply_error("replay seek: " + parsed.error().message);
      command.seek_to = *parsed;
    } else {
      return reply_error("replay: unknown action \"" + name + "\" (pause, resume, speed, seek)");
    }
    ReplayHandler handler;
    {
      std::lock_guard lock(state_.mutex);
      handler = state_.replay_handler;
    }
    if (!handler) {
      return reply_error("replay control is available only when the source is a recording");
    }
    if (const Status status = handler(command); !status) reply_error(status.error().message);
  }

  void policy_close(const std::string& why) {
    spdlog::warn("event=ws_policy_close client={} reason=\"{}\"", peer_, why);
    state_.ws_policy_closes.fetch_add(1);
    close_reason_ = why;
    closing_ = true;
    queue_.clear();
    queued_bytes_ = 0;
    needs_snapshot_ = false;
    if (!writing_) close_with_policy();
  }

  void close_with_policy() {
    if (close_sent_) return;
    close_sent_ = true;
    ws_.async_close(websocket::close_reason(websocket::close_code::policy_error, close_reason_),
                    [self = shared_from_this()](beast::error_code) {});
  }

  websocket::stream<beast::tcp_stream> ws_;
  SharedState& state_;
  std::string peer_;
  Request upgrade_;
  beast::flat_buffer message_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool needs_snapshot_ = false;
  bool closing_ = false;
  bool close_sent_ = false;
  std::string close_reason_;
  std::chrono::steady_clock::time_point window_start_{};
  unsigned window_messages_ = 0;
};

/// One client connection: read a request, answer it, repeat while the client keeps the connection
/// alive; hand the socket to a WsSession on an upgrade to /ws. Lives as long as an asynchronous
/// operation holds a shared_ptr to it; runs on the I/O thread only.
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
    answer(parser_->get());
  }

  void answer(const Request& request) {
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();
    const std::string_view target = sv(request.target());
    if (target.empty() || target.front() != '/') {
      return send(make_error_response(http::status::bad_request, version, false));
    }
    const std::string_view path = target.substr(0, target.find_first_of("?#"));
    bool via_query = false;
    if (!authorized(request, state_, via_query)) {
      state_.auth_failures.fetch_add(1);
      spdlog::warn("event=auth_failure client={} path=\"{}\"", peer_of(stream_.socket()),
                   std::string(path.substr(0, 200)));
      Response response = make_error_response(http::status::unauthorized, version, keep_alive);
      response.set(http::field::www_authenticate, "Bearer realm=\"straja\"");
      return send(std::move(response));
    }
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
      Response response =
          make_error_response(http::status::method_not_allowed, version, keep_alive);
      response.set(http::field::allow, "GET, HEAD");
      return send(std::move(response));
    }
    if (path == "/ws" && websocket::is_upgrade(request)) {
      beast::get_lowest_layer(stream_).expires_never();
      std::string peer = peer_of(stream_.socket());
      auto ws = std::make_shared<WsSession>(stream_.release_socket(), state_, std::move(peer));
      return ws->start(parser_->release());
    }
    Response response = route(request, state_, path);
    if (via_query) {
      response.set(http::field::set_cookie,
                   "straja_token=" + state_.options.token + "; Path=/; HttpOnly; SameSite=Strict");
    }
    send(std::move(response));
  }

  void send(Response response) {
    const bool head =
        parser_ && parser_->is_header_done() && parser_->get().method() == http::verb::head;
    response_ = std::move(response);
    response_.prepare_payload();
    if (head) response_.body().clear();  // keeps the Content-Length of the GET answer
    state_.http_requests.fetch_add(1);
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

  // Every 1/ws_rate_hz: the delta since the last tick to every client. I/O thread only.
  void schedule_deltas() {
    delta_due += delta_period;
    delta_timer->expires_at(delta_due);
    delta_timer->async_wait([this](beast::error_code ec) {
      if (ec) return;
      if (!state.clients.empty()) {
        std::optional<std::string> frame = state.advance_broadcast();
        if (!frame) frame = delta_frame(state.broadcast_time, {});
        broadcast(std::make_shared<const std::string>(std::move(*frame)));
      }
      schedule_deltas();
    });
  }

  // Every second: the stats object to every client. I/O thread only.
  void schedule_stats() {
    stats_due += kStatsPeriod;
    stats_timer->expires_at(stats_due);
    stats_timer->async_wait([this](beast::error_code ec) {
      if (ec) return;
      if (!state.clients.empty()) {
        broadcast(std::make_shared<const std::string>(
            stats_json(state.current()->picture, state.clients.size(), "stats")));
      }
      schedule_stats();
    });
  }

  void broadcast(const std::shared_ptr<const std::string>& frame) {
    // A send may end a session (and erase it from the set): iterate over a copy.
    std::vector<std::weak_ptr<WsSession>> clients;
    clients.reserve(state.clients.size());
    for (WsSession* client : state.clients) clients.push_back(client->weak_from_this());
    for (const auto& weak : clients) {
      if (auto client = weak.lock()) client->send(frame);
    }
  }

  void run_io() {
    for (;;) {
      try {
        io->run();
        return;
      } catch (const std::exception& e) {
        // A handler failed (e.g. out of memory building a response); keep serving the others.
        spdlog::error("event=server_handler_error what=\"{}\"", e.what());
      }
    }
  }

  SharedState state;
  // Owned by the thread that calls start()/stop(); the I/O thread only runs them.
  std::unique_ptr<asio::io_context> io;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::steady_timer> retry_timer;
  std::unique_ptr<asio::steady_timer> delta_timer;
  std::unique_ptr<asio::steady_timer> stats_timer;
  std::chrono::steady_clock::duration delta_period{};
  std::chrono::steady_clock::time_point delta_due{};
  std::chrono::steady_clock::time_point stats_due{};
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
  if (options.token.empty() && !is_default_loopback(options.bind_address)) {
    return make_error(ErrorCode::kInvalidValue,
                      "cannot listen on " + where +
                          ": an address other than 127.0.0.1 or ::1 needs an access token");
  }
  if (!(options.ws_rate_hz > 0.0) || !std::isfinite(options.ws_rate_hz)) {
    return make_error(ErrorCode::kInvalidValue, "WebSocket rate must be a positive number");
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
  impl.delta_timer = std::make_unique<asio::steady_timer>(*io);
  impl.stats_timer = std::make_unique<asio::steady_timer>(*io);
  impl.delta_period = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(1.0 / options.ws_rate_hz));
  impl.delta_due = impl.stats_due = std::chrono::steady_clock::now();
  impl.acceptor = std::move(acceptor);
  impl.io = std::move(io);
  impl.accept();
  impl.schedule_deltas();
  impl.schedule_stats();
  spdlog::info("event=listen address={} port={} token={} web_root=\"{}\" ws_rate_hz={}",
               address.to_string(), bound.port(), options.token.empty() ? "none" : "required",
               options.web_root ? options.web_root->string() : std::string("embedded"),
               options.ws_rate_hz);
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
  impl.delta_timer.reset();
  impl.stats_timer.reset();
  impl.io.reset();
  impl.state.broadcast = TrackTable{};
  impl.state.broadcast_version = 0;
  impl.state.snapshot.reset();
}

std::uint16_t PictureServer::port() const {
  return impl_->port.load();
}

std::string PictureServer::url() const {
  std::lock_guard lock(impl_->url_mutex);
  return "http://" + host_port(impl_->url_host, impl_->port.load()) + "/";
}

void PictureServer::publish(Picture picture) {
  auto published = std::make_shared<Published>();
  published->tracks_array = tracks_array(picture.tracks);
  published->sensors = sensors_json(picture);
  published->summary = summary_json(picture);
  published->picture = std::move(picture);
  SharedState& state = impl_->state;
  std::shared_ptr<const Published> previous;
  std::lock_guard lock(state.mutex);
  published->version = state.next_version++;
  state.history.record(published->picture.tracks);
  previous = std::exchange(state.published, std::move(published));
}

void PictureServer::set_replay_handler(ReplayHandler handler) {
  std::lock_guard lock(impl_->state.mutex);
  impl_->state.replay_handler = std::move(handler);
}

ServerCounters PictureServer::counters() const {
  return impl_->state.counters();
}

}  // namespace straja::server
