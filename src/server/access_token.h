#pragma once
// The access token that guards a server bound beyond loopback (docs/formats/picture-api.md,
// "Authentication" and "Security").

#include <optional>
#include <string>
#include <string_view>

namespace straja::server {

/// True for the default addresses that need no token: 127.0.0.1 and ::1 (exactly).
bool is_default_loopback(std::string_view bind_address);

/// 128 random bits from std::random_device as 32 lower-case hex digits.
std::string generate_token();

/// Compares in time that depends only on the lengths, not on where the texts differ.
bool constant_time_equal(std::string_view a, std::string_view b);

/// The token a request carries: "Authorization: Bearer T", else "?token=T" in `query`, else the
/// cookie straja_token=T in the Cookie header. Nothing when none is present.
std::optional<std::string> presented_token(std::string_view authorization, std::string_view query,
                                           std::string_view cookie);

}  // namespace straja::server
