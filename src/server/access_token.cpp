#include "server/access_token.h"

#include <array>
#include <cstdio>
#include <random>

#include "server/static_files.h"

namespace straja::server {

bool is_default_loopback(std::string_view bind_address) {
  return bind_address == "127.0.0.1" || bind_address == "::1";
}

std::string generate_token() {
  std::random_device device;
  std::string token;
  for (int i = 0; i < 4; ++i) {
    std::array<char, 9> word{};
    std::snprintf(word.data(), word.size(), "%08x", static_cast<unsigned>(device()));
    token += word.data();
  }
  return token;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= static_cast<unsigned char>(x ^ y);
  }
  return difference == 0;
}

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string> presented_token(std::string_view authorization, std::string_view query,
                                           std::string_view cookie) {
  authorization = trim(authorization);
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() > kBearer.size() && authorization.substr(0, kBearer.size()) == kBearer) {
    return std::string(trim(authorization.substr(kBearer.size())));
  }
  if (auto token = query_parameter(query, "token")) return token;
  while (!cookie.empty()) {
    const std::size_t semicolon = cookie.find(';');
    const std::string_view pair = trim(cookie.substr(0, semicolon));
    cookie =
        semicolon == std::string_view::npos ? std::string_view{} : cookie.substr(semicolon + 1);
    constexpr std::string_view kName = "straja_token=";
    if (pair.substr(0, kName.size()) == kName) return std::string(pair.substr(kName.size()));
  }
  return std::nullopt;
}

}  // namespace straja::server
