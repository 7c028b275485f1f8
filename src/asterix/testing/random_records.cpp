#include "asterix/testing/random_records.h"

#include <algorithm>

namespace straja::asterix::testing {
namespace {

using spec::child_of;
using spec::node_at;

void push_value(std::uint64_t value, unsigned count, std::vector<bool>& bits) {
  for (unsigned i = count; i-- > 0;) bits.push_back(((value >> i) & 1u) != 0);
}

void append_packed(const std::vector<bool>& bits, std::vector<std::uint8_t>& out) {
  for (std::size_t i = 0; i < bits.size(); i += 8) {
    std::uint8_t octet = 0;
    for (std::size_t b = 0; b < 8; ++b) {
      octet = static_cast<std::uint8_t>(octet << 1 | (i + b < bits.size() && bits[i + b] ? 1 : 0));
    }
    out.push_back(octet);
  }
}

/// Bit offset of the selector element inside the selector item (a top-level child of its root).
std::size_t selector_offset(const spec::EditionTable& table) {
  const spec::Node& root =
      node_at(spec::tables().items[static_cast<std::size_t>(table.selector_item)].root);
  std::size_t bit = 0;
  for (std::uint16_t i = 0; i < root.child_count; ++i) {
    const spec::Node& child = child_of(root, i);
    if (child.name == table.selector_element) return bit;
    bit += child.fixed_bits;
  }
  return 0;
}

}  // namespace

void RandomRecords::random_bits(unsigned count, std::vector<bool>& bits) {
  for (unsigned i = 0; i < count; ++i) bits.push_back(chance(0.5));
}

void RandomRecords::node(const spec::Node& n, const spec::EditionTable& edition,
                         std::vector<bool>& bits) {
  switch (n.kind) {
    case spec::NodeKind::kElement:
      if (options_.printable_strings && n.content == spec::ContentKind::kIcao && n.bits % 6 == 0) {
        static constexpr std::uint8_t kIcaoCodes[] = {
            32, 1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18,
            19, 20, 21, 22, 23, 24, 25, 26, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57};
        for (unsigned i = 0; i < n.bits / 6u; ++i) {
          push_value(kIcaoCodes[below(sizeof kIcaoCodes)], 6, bits);
        }
        return;
      }
      if (options_.printable_strings && n.content == spec::ContentKind::kAscii && n.bits % 8 == 0) {
        for (unsigned i = 0; i < n.bits / 8u; ++i) push_value(0x20 + below(0x5F), 8, bits);
        return;
      }
      if (options_.edge_value_probability > 0 && n.bits <= 64 &&
          chance(options_.edge_value_probability)) {
        const unsigned kind = below(4);
        for (unsigned i = 0; i < n.bits; ++i) {
          const bool top = i == 0;
          bits.push_back(kind == 1 || (kind == 2 && top) || (kind == 3 && !top));
        }
        return;
      }
      random_bits(n.bits, bits);
      return;
    case spec::NodeKind::kSpare:
      random_bits(n.bits, bits);
      return;
    case spec::NodeKind::kFx:  // only reached inside groups; extended items set FX below
      bits.push_back(false);
      return;
    case spec::NodeKind::kGroup:
      for (std::size_t i = 0; i < n.child_count; ++i) node(child_of(n, i), edition, bits);
      return;
    case spec::NodeKind::kExtended: {
      const unsigned extents = 1 + below(std::max(1u, options_.max_extents));
      unsigned extent = 1;
      for (std::size_t i = 0; i < n.child_count; ++i) {
        const spec::Node& child = child_of(n, i);
        if (child.kind != spec::NodeKind::kFx) {
          node(child, edition, bits);
          continue;
        }
        // The last FX of the definition may not be set (nothing follows it).
        const bool more = extent < extents && i + 1 < n.child_count;
        bits.push_back(more);
        if (!more) return;
        ++extent;
      }
      return;
    }
    case spec::NodeKind::kRepetitive: {
      const unsigned count = below(options_.max_repetitions + 1);
      push_value(count, n.bits * 8u, bits);
      for (unsigned i = 0; i < count; ++i) node(child_of(n, 0), edition, bits);
      return;
    }
    case spec::NodeKind::kRepetitiveFx: {
      const unsigned count = 1 + below(std::max(1u, options_.max_repetitions));
      for (unsigned i = 0; i < count; ++i) {
        node(child_of(n, 0), edition, bits);
        bits.push_back(i + 1 < count);
      }
      return;
    }
    case spec::NodeKind::kCompound: {
      std::vector<std::size_t> present;
      for (std::size_t i = 0; i < n.child_count && i < 64; ++i) {
        if (child_of(n, i).kind != spec::NodeKind::kEmpty && chance(options_.subitem_probability))
          present.push_back(i);
      }
      if (present.empty()) {  // an empty compound FSPEC is legal but pointless; take one subitem
        for (std::size_t i = 0; i < n.child_count && i < 64 && present.empty(); ++i) {
          if (child_of(n, i).kind != spec::NodeKind::kEmpty) present.push_back(i);
        }
      }
      const std::size_t octets = present.empty() ? 1 : present.back() / 7 + 1;
      for (std::size_t octet = 0; octet < octets; ++octet) {
        for (std::size_t slot = octet * 7; slot < octet * 7 + 7; ++slot) {
          bits.push_back(std::find(present.begin(), present.end(), slot) != present.end());
        }
        bits.push_back(octet + 1 < octets);
      }
      for (const std::size_t i : present) node(child_of(n, i), edition, bits);
      return;
    }
    case spec::NodeKind::kExplicit: {
      std::vector<bool> content;
      if (n.name == "RE" && edition.expansion_root >= 0) {
        node(node_at(static_cast<std::size_t>(edition.expansion_root)), edition, content);
      } else {
        random_bits(8 * (1 + below(6)), content);
      }
      push_value(content.size() / 8 + 1, 8, bits);
      bits.insert(bits.end(), content.begin(), content.end());
      return;
    }
    case spec::NodeKind::kEmpty:
      return;
  }
}

void RandomRecords::append_record(const Edition& edition, std::vector<std::uint8_t>& out) {
  const spec::EditionTable& table = edition.table();
  const auto& t = spec::tables();
  const int variation =
      options_.uap_variation >= 0 &&
              static_cast<std::uint32_t>(options_.uap_variation) < table.uap_variations
          ? options_.uap_variation
          : static_cast<int>(below(table.uap_variations));
  std::vector<int> frns;
  for (int frn = 1; frn <= edition.uap_length(); ++frn) {
    const std::int32_t item = edition.item_at(variation, frn);
    if (item < 0) continue;  // spare slot or Random Field Sequencing
    if (!options_.items.empty() &&
        std::find(options_.items.begin(), options_.items.end(),
                  t.items[static_cast<std::size_t>(item)].name) == options_.items.end()) {
      continue;
    }
    const bool forced =
        (frn == 1 && options_.with_data_source) || (item == table.selector_item && variation != 0);
    if (forced || chance(options_.item_probability)) frns.push_back(frn);
  }
  if (frns.empty()) frns.push_back(1);
  const int last = frns.back();
  const int fspec_octets = (last - 1) / 7 + 1;
  std::vector<bool> bits;
  for (int octet = 0; octet < fspec_octets; ++octet) {
    for (int frn = octet * 7 + 1; frn <= octet * 7 + 7; ++frn) {
      bits.push_back(std::find(frns.begin(), frns.end(), frn) != frns.end());
    }
    bits.push_back(octet + 1 < fspec_octets);
  }
  for (const int frn : frns) {
    const std::int32_t item = edition.item_at(variation, frn);
    const std::size_t start = bits.size();
    node(node_at(t.items[static_cast<std::size_t>(item)].root), table, bits);
    if (item == table.selector_item) {
      const std::size_t at = start + selector_offset(table);
      const bool value = table.selector_variation[1] == variation && variation != 0;
      bits[at] = value;
    }
  }
  append_packed(bits, out);
}

void RandomRecords::append_block(const Edition& edition, unsigned records,
                                 std::vector<std::uint8_t>& out) {
  const std::size_t start = out.size();
  out.push_back(static_cast<std::uint8_t>(edition.category()));
  out.push_back(0);
  out.push_back(0);
  for (unsigned i = 0; i < records; ++i) append_record(edition, out);
  const std::size_t length = out.size() - start;
  out[start + 1] = static_cast<std::uint8_t>(length >> 8);
  out[start + 2] = static_cast<std::uint8_t>(length & 0xFFu);
}

}  // namespace straja::asterix::testing
