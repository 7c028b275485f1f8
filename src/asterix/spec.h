#pragma once
// The compact, read-only ASTERIX definition tables (generated into generated/asterix_tables.cpp by
// tools/asterix_codegen.py). A category edition is a UAP (items per FRN) and, per item, a tree of
// Nodes stored contiguously: a node's children are kNodes[child_begin .. child_begin+child_count).
// All tables are static and immutable: safe to share between threads.

#include <cstdint>
#include <span>
#include <string_view>

namespace straja::asterix::spec {

enum class NodeKind : std::uint8_t {
  kElement,       ///< `bits` of content
  kSpare,         ///< `bits` that carry nothing (kept for a byte-exact round trip)
  kGroup,         ///< fixed sequence of children (elements, spares, groups)
  kExtended,      ///< children with kFx markers: an octet run ends at an FX bit of 0
  kFx,            ///< the field-extension bit of an extended item
  kRepetitive,    ///< `bits` = counter octets, then that many copies of child 0
  kRepetitiveFx,  ///< copies of child 0 each followed by an FX bit; ends at FX = 0
  kCompound,      ///< FSPEC (7 bits + FX per octet), then the present children
  kEmpty,         ///< an unused compound slot
  kExplicit,      ///< length octet (counting itself), then that many octets minus one
};

enum class ContentKind : std::uint8_t {
  kRaw,
  kTable,
  kUnsignedQuantity,  ///< value = raw * lsb
  kSignedQuantity,    ///< value = two's complement raw * lsb
  kUnsignedInteger,
  kSignedInteger,
  kAscii,      ///< 8 bits per character
  kIcao,       ///< 6 bits per character (ICAO Annex 10 character set)
  kOctal,      ///< 3 bits per octal digit
  kBds,        ///< a Mode S BDS register (raw)
  kDependent,  ///< content chosen by a sibling element's value (`dependency`), see Case
  kAddress,    ///< a 24-bit Mode S / target address (raw; text form 6 upper-case hex digits)
};

struct Node {
  NodeKind kind;
  ContentKind content;
  std::uint16_t bits;        ///< element/spare/fx: bit count; repetitive: counter octets
  std::uint16_t fixed_bits;  ///< size in bits when fixed (element, spare, group), else 0
  std::uint16_t child_begin;
  std::uint16_t child_count;
  std::uint16_t case_begin;  ///< kDependent: cases kCases[case_begin .. +case_count)
  std::uint16_t case_count;
  std::string_view name;        ///< item number ("040"), subitem or element name; "" if none
  std::string_view dependency;  ///< kDependent: name of the sibling element that selects the case
  double lsb;                   ///< quantities: value of one least significant bit, in `unit`
  std::string_view unit;
};

/// One alternative of a kDependent content; value -1 is the default.
struct Case {
  std::int64_t value;
  ContentKind content;
  double lsb;
  std::string_view unit;
};

struct Item {
  std::string_view name;   ///< "010" ... "SP", "RE"
  std::string_view title;  ///< the specification's title
  std::uint32_t root;      ///< index into nodes
};

inline constexpr std::int32_t kNoItem = -1;   ///< UAP slot not used
inline constexpr std::int32_t kRfsItem = -2;  ///< Random Field Sequencing slot

struct EditionTable {
  std::uint8_t category;
  std::uint8_t major;
  std::uint8_t minor;
  std::uint32_t item_begin;
  std::uint32_t item_count;
  std::uint32_t uap_begin;   ///< kUapEntries[uap_begin + variation * uap_length + frn - 1]
  std::uint32_t uap_length;  ///< FRNs per UAP variation
  std::uint32_t uap_variations;
  std::int32_t selector_item;  ///< item whose element `selector_element` picks the variation, or -1
  std::string_view selector_element;
  std::uint8_t selector_variation[2];  ///< variation for selector value 0 and 1
  std::int32_t expansion_root;  ///< node of the Reserved Expansion compound, or -1 (no definition)
  std::string_view expansion_edition;
  std::string_view provenance;  ///< "asterix-specs ..." or "project-written ..."
};

struct Tables {
  std::span<const Node> nodes;
  std::span<const Case> cases;
  std::span<const Item> items;
  std::span<const std::int32_t> uap_entries;
  std::span<const EditionTable> editions;
};

/// The generated tables (process-lifetime, immutable).
const Tables& tables();

/// Node `index` of the tables, and the i-th child of a node (children are contiguous).
inline const Node& node_at(std::size_t index) {
  return tables().nodes[index];
}
inline const Node& child_of(const Node& node, std::size_t i) {
  return node_at(node.child_begin + i);
}

/// The extents of an extended node laid out on octets: every FX child is the last bit of an octet
/// and the last child is an FX. Writes where each extent ends (octets from the item start) to
/// `ends` and returns how many there are; 0 for any other layout or more extents than `ends`
/// holds. For such a node, "octets up to the first extent whose FX is 0, else all extents" is the
/// item's size.
inline std::size_t octet_extents(const Node& node, std::span<std::uint8_t> ends) {
  std::size_t bits = 0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < node.child_count; ++i) {
    const Node& child = child_of(node, i);
    bits += child.fixed_bits;
    if (child.kind == NodeKind::kFx) {
      if (bits % 8 != 0 || bits / 8 > 255 || count == ends.size()) return 0;
      ends[count++] = static_cast<std::uint8_t>(bits / 8);
    } else if (i + 1 == node.child_count) {
      return 0;
    }
  }
  return count;
}

}  // namespace straja::asterix::spec
