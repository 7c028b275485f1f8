#include "asterix/edition.h"

#include <charconv>
#include <mutex>
#include <vector>

namespace straja::asterix {
namespace {

/// FRN per (edition, variation, item number 0..999); built once, read-only afterwards.
struct FrnIndex {
  static constexpr int kItemNumbers = Edition::kItemNumbers;
  std::vector<std::uint8_t> frn;  // [edition][variation 0/1][item number]

  FrnIndex() {
    const auto& t = spec::tables();
    frn.assign(t.editions.size() * 2 * kItemNumbers, 0);
    for (std::size_t e = 0; e < t.editions.size(); ++e) {
      const auto& ed = t.editions[e];
      for (std::uint32_t v = 0; v < ed.uap_variations && v < 2; ++v) {
        for (std::uint32_t f = 0; f < ed.uap_length; ++f) {
          const std::int32_t item = t.uap_entries[ed.uap_begin + v * ed.uap_length + f];
          if (item < 0) continue;
          const std::string_view name = t.items[static_cast<std::size_t>(item)].name;
          int number = 0;
          const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), number);
          if (error != std::errc{} || end != name.data() + name.size() || number >= kItemNumbers) {
            continue;
          }
          frn[(e * 2 + v) * kItemNumbers + static_cast<std::size_t>(number)] =
              static_cast<std::uint8_t>(f + 1);
        }
      }
    }
  }
};

const FrnIndex& frn_index() {
  static const FrnIndex index;
  return index;
}

/// FrnSlots of every edition, contiguous per edition; built once, read-only afterwards.
struct SlotIndex {
  std::vector<FrnSlot> slots;
  std::vector<std::size_t> begin;  // per edition

  SlotIndex() {
    const auto& t = spec::tables();
    for (const spec::EditionTable& ed : t.editions) {
      begin.push_back(slots.size());
      for (std::uint32_t v = 0; v < ed.uap_variations; ++v) {
        for (std::uint32_t f = 0; f < ed.uap_length; ++f) {
          FrnSlot slot;
          slot.item = t.uap_entries[ed.uap_begin + v * ed.uap_length + f];
          if (slot.item >= 0) {
            slot.root = t.items[static_cast<std::size_t>(slot.item)].root;
            const spec::Node& root = t.nodes[slot.root];
            slot.fixed_octets = static_cast<std::uint16_t>(root.fixed_bits / 8u);
            if (slot.fixed_octets != 0) {
              slot.form = FrnSlot::Form::kFixed;
            } else if (root.fixed_bits == 0 && root.kind == spec::NodeKind::kExtended) {
              slot.extents = static_cast<std::uint8_t>(spec::octet_extents(root, slot.extent_end));
              if (slot.extents != 0) slot.form = FrnSlot::Form::kExtents;
            } else if (root.fixed_bits == 0 && root.kind == spec::NodeKind::kRepetitive &&
                       (root.bits == 1 || root.bits == 2)) {
              slot.form = FrnSlot::Form::kCounted;
              slot.counter_octets = static_cast<std::uint8_t>(root.bits);
              slot.element_octets =
                  static_cast<std::uint16_t>(spec::child_of(root, 0).fixed_bits / 8u);
            }
          }
          slots.push_back(slot);
        }
      }
    }
  }
};

const SlotIndex& slot_index() {
  static const SlotIndex index;
  return index;
}

}  // namespace

std::string EditionNumber::to_string() const {
  return std::to_string(major) + "." + std::to_string(minor);
}

std::optional<EditionNumber> EditionNumber::parse(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  unsigned major = 0;
  unsigned minor = 0;
  const auto a = std::from_chars(text.data(), text.data() + dot, major);
  const auto b = std::from_chars(text.data() + dot + 1, text.data() + text.size(), minor);
  if (a.ec != std::errc{} || a.ptr != text.data() + dot || b.ec != std::errc{} ||
      b.ptr != text.data() + text.size() || major > 255 || minor > 255 || dot == 0) {
    return std::nullopt;
  }
  return EditionNumber{static_cast<std::uint8_t>(major), static_cast<std::uint8_t>(minor)};
}

Edition::Edition(const spec::EditionTable* table, std::size_t index)
    : table_(table),
      index_(index),
      slots_(slot_index().slots.data() + slot_index().begin[index]),
      frns_(frn_index().frn.data() + index * 2 * FrnIndex::kItemNumbers) {}

std::optional<Edition> Edition::find(int category, EditionNumber number) {
  const auto editions = all();
  for (std::size_t i = 0; i < editions.size(); ++i) {
    const auto& e = editions[i];
    if (e.category == category && e.major == number.major && e.minor == number.minor) {
      return Edition(&e, i);
    }
  }
  return std::nullopt;
}

std::span<const spec::EditionTable> Edition::all() {
  return spec::tables().editions;
}

std::int32_t Edition::item_at(int variation, int frn) const {
  if (frn < 1 || frn > uap_length()) return spec::kNoItem;
  return spec::tables()
      .uap_entries[table_->uap_begin + static_cast<std::uint32_t>(variation) * table_->uap_length +
                   static_cast<std::uint32_t>(frn - 1)];
}

int Edition::frn_of_named(int variation, std::string_view name) const {
  for (int frn = 1; frn <= uap_length(); ++frn) {
    const std::int32_t item = item_at(variation, frn);
    if (item >= 0 && spec::tables().items[static_cast<std::size_t>(item)].name == name) return frn;
  }
  return 0;
}

EditionSelector::EditionSelector() {
  const std::pair<int, EditionNumber> defaults[] = {{1, {1, 1}},   {2, {1, 0}},  {34, {1, 27}},
                                                    {48, {1, 21}}, {21, {2, 6}}, {62, {1, 18}},
                                                    {65, {1, 4}}};
  for (const auto& [category, number] : defaults) {
    by_category_[static_cast<std::size_t>(category)] = Edition::find(category, number);
  }
}

Status EditionSelector::set(int category, EditionNumber number, std::optional<SacSic> source) {
  const auto edition = Edition::find(category, number);
  if (!edition) {
    return make_error(
        ErrorCode::kUnsupportedEdition,
        "no definition of CAT" + std::to_string(category) + " edition " + number.to_string());
  }
  if (source) {
    by_source_.insert_or_assign({category, source->packed()}, *edition);
  } else {
    by_category_[static_cast<std::size_t>(category)] = edition;
  }
  return {};
}

Status EditionSelector::apply(std::string_view text) {
  const auto bad = [&] {
    return make_error(ErrorCode::kParse,
                      "edition override '" + std::string(text) +
                          "': expected CAT=ED or CAT=ED@SAC/SIC, e.g. 48=1.23@25/201");
  };
  const auto equals = text.find('=');
  if (equals == std::string_view::npos) return bad();
  std::string_view category_text = text.substr(0, equals);
  if (category_text.size() > 3 &&
      (category_text.substr(0, 3) == "CAT" || category_text.substr(0, 3) == "cat")) {
    category_text.remove_prefix(3);
  }
  int category = 0;
  const auto c =
      std::from_chars(category_text.data(), category_text.data() + category_text.size(), category);
  if (c.ec != std::errc{} || c.ptr != category_text.data() + category_text.size()) return bad();
  std::string_view rest = text.substr(equals + 1);
  std::optional<SacSic> source;
  if (const auto at = rest.find('@'); at != std::string_view::npos) {
    const std::string_view where = rest.substr(at + 1);
    rest = rest.substr(0, at);
    const auto slash = where.find('/');
    unsigned sac = 0;
    unsigned sic = 0;
    if (slash == std::string_view::npos) return bad();
    const auto a = std::from_chars(where.data(), where.data() + slash, sac);
    const auto b = std::from_chars(where.data() + slash + 1, where.data() + where.size(), sic);
    if (a.ec != std::errc{} || a.ptr != where.data() + slash || b.ec != std::errc{} ||
        b.ptr != where.data() + where.size() || sac > 255 || sic > 255) {
      return bad();
    }
    source = SacSic{static_cast<std::uint8_t>(sac), static_cast<std::uint8_t>(sic)};
  }
  const auto number = EditionNumber::parse(rest);
  if (!number) return bad();
  return set(category, *number, source);
}

std::optional<Edition> EditionSelector::select(int category, std::optional<SacSic> source) const {
  if (category < 0 || category > 255) return std::nullopt;
  if (source && !by_source_.empty()) {
    const auto found = by_source_.find({category, source->packed()});
    if (found != by_source_.end()) return found->second;
  }
  return by_category_[static_cast<std::size_t>(category)];
}

bool EditionSelector::has_source_overrides_in_map(int category) const {
  const auto found = by_source_.lower_bound({category, 0});
  return found != by_source_.end() && found->first.first == category;
}

}  // namespace straja::asterix
