#pragma once
// Identifiers: strong types so a track number is never passed where a target id is expected,
// plus the aviation identities (ASTERIX SAC/SIC, Mode S 24-bit address, Mode 3/A code).

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace straja {

/// A typed integer id. Tag makes each kind distinct at compile time.
template <typename Tag, typename Rep = std::uint32_t>
struct Id {
  Rep value{};
  constexpr Id() = default;
  constexpr explicit Id(Rep v) : value(v) {}
  friend constexpr auto operator<=>(const Id&, const Id&) = default;
};

using TrackId = Id<struct TrackIdTag>;    ///< unique track number within one tracker run
using TargetId = Id<struct TargetIdTag>;  ///< simulated target (truth); never seen by trackers
using SensorIndex = Id<struct SensorIndexTag, std::uint16_t>;  ///< position in a sensor registry

/// ASTERIX data source identifier: System Area Code and System Identification Code.
struct SacSic {
  std::uint8_t sac = 0;
  std::uint8_t sic = 0;
  friend constexpr auto operator<=>(const SacSic&, const SacSic&) = default;
  constexpr std::uint16_t packed() const { return static_cast<std::uint16_t>(sac << 8 | sic); }
};

/// Mode S / ADS-B 24-bit aircraft address. Text form: 6 upper-case hex digits ("4CA2F1").
struct IcaoAddress {
  std::uint32_t value = 0;  ///< only the low 24 bits are used
  friend constexpr auto operator<=>(const IcaoAddress&, const IcaoAddress&) = default;
  std::string to_string() const;
  static std::optional<IcaoAddress> parse(std::string_view text);
};

/// Mode 3/A code, 12 bits. Text form: 4 octal digits ("7700").
struct Mode3A {
  std::uint16_t value = 0;  ///< only the low 12 bits are used
  friend constexpr auto operator<=>(const Mode3A&, const Mode3A&) = default;
  std::string to_string() const;
  static std::optional<Mode3A> parse(std::string_view text);
  /// 7500 (unlawful interference), 7600 (radio failure), 7700 (emergency).
  bool is_emergency() const { return value == 07500 || value == 07600 || value == 07700; }
};

}  // namespace straja

template <typename Tag, typename Rep>
struct std::hash<straja::Id<Tag, Rep>> {
  std::size_t operator()(const straja::Id<Tag, Rep>& id) const noexcept {
    return std::hash<Rep>{}(id.value);
  }
};
