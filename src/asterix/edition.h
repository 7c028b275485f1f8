#pragma once
// Category editions: lookup in the generated tables, per-FRN item access, and the choice of
// edition per category with per-SAC/SIC overrides (EditionSelector).

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "asterix/spec.h"
#include "core/ids.h"
#include "core/result.h"

namespace straja::asterix {

struct EditionNumber {
  std::uint8_t major = 0;
  std::uint8_t minor = 0;
  friend constexpr auto operator<=>(const EditionNumber&, const EditionNumber&) = default;
  std::string to_string() const;
  /// "1.21" -> {1, 21}.
  static std::optional<EditionNumber> parse(std::string_view text);
};

inline constexpr int kMaxFrn = 64;  ///< FRNs per record this codec accepts (the largest UAP has 49)

/// What the record walker needs for one FRN of one UAP variation, precomputed once per edition
/// from the generated tables (Edition::slot) so the walk does no table search per item.
struct FrnSlot {
  /// How the walker measures the item: kFixed (`fixed_octets`), kExtents (an extended item on
  /// octets: spec::octet_extents gave `extent_end`), kCounted (a repetitive item with a
  /// `counter_octets` (1 or 2) count of `element_octets` elements), kNodes (measure() walks the
  /// nodes; also every unusual layout, so its errors stay measure()'s).
  enum class Form : std::uint8_t { kFixed, kExtents, kCounted, kNodes };
  std::int32_t item = spec::kNoItem;  ///< as Edition::item_at (kNoItem, kRfsItem or an item)
  std::uint32_t root = 0;             ///< node index of the item's root (when item >= 0)
  std::uint16_t fixed_octets = 0;     ///< root fixed_bits / 8 when the root is fixed, else 0
  Form form = Form::kNodes;
  std::uint8_t extents = 0;
  std::array<std::uint8_t, 6> extent_end{};
  std::uint8_t counter_octets = 0;
  std::uint16_t element_octets = 0;
};

/// A view of one category edition's tables. Cheap to copy; the tables are static. A
/// default-constructed Edition is empty (valid() false) and must not be queried.
class Edition {
 public:
  Edition() = default;
  bool valid() const { return table_ != nullptr; }

  /// nullopt when the category or edition is not defined.
  static std::optional<Edition> find(int category, EditionNumber number);
  /// Every edition defined, in (category, edition) order.
  static std::span<const spec::EditionTable> all();

  int category() const { return table_->category; }
  EditionNumber number() const { return {table_->major, table_->minor}; }
  const spec::EditionTable& table() const { return *table_; }
  std::size_t index() const { return index_; }

  /// Number of FRNs in the UAP.
  int uap_length() const { return static_cast<int>(table_->uap_length); }
  /// The item at `frn` (1-based) in UAP `variation`; spec::kNoItem or spec::kRfsItem otherwise.
  std::int32_t item_at(int variation, int frn) const;
  /// The precomputed slot of `frn`. Contract (unchecked, for the record walker): 1 <= frn <=
  /// uap_length() and 0 <= variation < the edition's UAP variations; then slot(v, f).item ==
  /// item_at(v, f).
  const FrnSlot& slot(int variation, int frn) const {
    return slots_[static_cast<std::size_t>(variation) * table_->uap_length +
                  static_cast<std::size_t>(frn - 1)];
  }
  /// The FRN (1-based) of item `number` (e.g. 40 for I040) in `variation`, 0 when absent.
  /// Inline: every typed accessor goes through it.
  int frn_of(int variation, int item_number) const {
    if (item_number < 0 || item_number >= kItemNumbers || variation < 0 || variation > 1) return 0;
    return frns_[static_cast<std::size_t>(variation * kItemNumbers + item_number)];
  }
  static constexpr int kItemNumbers = 1000;  ///< item numbers 0..999 (I000..I999)
  /// The FRN of the Reserved Expansion / Special Purpose field, 0 when absent.
  int frn_of_named(int variation, std::string_view name) const;

 private:
  Edition(const spec::EditionTable* table, std::size_t index);
  const spec::EditionTable* table_ = nullptr;
  std::size_t index_ = 0;
  const FrnSlot* slots_ = nullptr;      ///< uap_variations x uap_length slots of this edition
  const std::uint8_t* frns_ = nullptr;  ///< FRN per [variation 0/1][item number], 0 = absent
};

/// Default editions: CAT001 1.1, CAT002 1.0, CAT034 1.27, CAT048 1.21, CAT021 2.6, CAT062 1.18,
/// CAT065 1.4. Overrides apply per category, or per category and data source (SAC/SIC), the
/// latter winning. Not thread-safe to modify; const use is.
class EditionSelector {
 public:
  EditionSelector();

  /// Parses "CAT=ED" or "CAT=ED@SAC/SIC" (CAT decimal, e.g. "48=1.23@25/201") and applies it.
  Status apply(std::string_view text);
  Status set(int category, EditionNumber number, std::optional<SacSic> source = std::nullopt);

  /// The edition for `category` records from `source` (nullopt: before I010 is known), or
  /// nullopt when the category is unknown.
  std::optional<Edition> select(int category, std::optional<SacSic> source = std::nullopt) const;
  /// select(category) without the optional, for the block walker: nullptr when the category is
  /// unknown; valid while this selector lives and is not modified.
  const Edition* category_default(int category) const {
    if (category < 0 || category > 255) return nullptr;
    const auto& edition = by_category_[static_cast<std::size_t>(category)];
    return edition ? &*edition : nullptr;
  }
  bool has_source_overrides(int category) const {
    return !by_source_.empty() && has_source_overrides_in_map(category);
  }

 private:
  bool has_source_overrides_in_map(int category) const;
  std::array<std::optional<Edition>, 256> by_category_{};
  std::map<std::pair<int, std::uint16_t>, Edition> by_source_;
};

}  // namespace straja::asterix
