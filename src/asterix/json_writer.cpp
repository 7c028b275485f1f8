#include "asterix/json_writer.h"

#include <charconv>
#include <string_view>

#include "asterix/bits.h"

namespace straja::asterix {
namespace {

using spec::child_of;
using spec::node_at;

constexpr std::string_view kHex = "0123456789ABCDEF";
// ICAO Annex 10 6-bit character set; codes that are not characters (0 included: an unset field)
// read as spaces, as both reference decoders do, and are trimmed away at the ends.
constexpr std::string_view kIcaoChars =
    " ABCDEFGHIJKLMNOPQRSTUVWXYZ                     0123456789      ";

void append_unsigned(std::uint64_t value, std::string& out) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}
void append_signed(std::int64_t value, std::string& out) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}
void append_double(double value, std::string& out) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}
void append_hex(std::uint64_t value, unsigned digits, std::string& out) {
  out += '"';
  for (unsigned i = digits; i-- > 0;) out += kHex[(value >> (i * 4)) & 0xFu];
  out += '"';
}
void append_key(std::string_view key, std::string& out) {
  out += '"';
  out += key;
  out += "\":";
}

/// Appends text as a JSON string, trimmed of spaces at both ends, control characters escaped.
void append_text(std::string_view text, std::string& out) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\0')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.remove_suffix(1);
  out += '"';
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7F) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xFu];
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_content(spec::ContentKind content, double lsb, const spec::Node& node,
                    std::uint64_t raw, std::string& out) {
  const unsigned bits = node.bits;
  switch (content) {
    case spec::ContentKind::kUnsignedQuantity:
      append_double(static_cast<double>(raw) * lsb, out);
      return;
    case spec::ContentKind::kSignedQuantity:
      append_double(static_cast<double>(sign_extend64(raw, bits)) * lsb, out);
      return;
    case spec::ContentKind::kSignedInteger:
      append_signed(sign_extend64(raw, bits), out);
      return;
    case spec::ContentKind::kOctal: {
      out += '"';
      for (unsigned digit = bits / 3; digit-- > 0;)
        out += static_cast<char>('0' + ((raw >> (digit * 3)) & 7u));
      out += '"';
      return;
    }
    case spec::ContentKind::kAscii: {
      char text[8];
      const unsigned count = bits / 8;
      for (unsigned i = 0; i < count; ++i)
        text[i] = static_cast<char>((raw >> ((count - 1 - i) * 8)) & 0xFFu);
      append_text({text, count}, out);
      return;
    }
    case spec::ContentKind::kIcao: {
      char text[11];
      const unsigned count = bits / 6;
      for (unsigned i = 0; i < count && i < sizeof text; ++i) {
        text[i] = kIcaoChars[(raw >> ((count - 1 - i) * 6)) & 0x3Fu];
      }
      append_text({text, count < sizeof text ? count : sizeof text}, out);
      return;
    }
    case spec::ContentKind::kAddress:
      append_hex(raw, 6, out);
      return;
    case spec::ContentKind::kBds:
      append_hex(raw, (bits + 3) / 4, out);
      return;
    default:  // raw, table, unsigned integer; wider than a double's mantissa: hex text
      if (bits > 53) {
        append_hex(raw, (bits + 3) / 4, out);
      } else {
        append_unsigned(raw, out);
      }
      return;
  }
}

/// Walks tokens alongside the specification and writes JSON.
class JsonWalker {
 public:
  JsonWalker(const std::vector<std::uint64_t>& tokens, std::size_t first,
             const spec::EditionTable& edition, std::string& out)
      : tokens_(tokens), next_(first), edition_(edition), out_(out) {}

  /// Writes the value of `node`. `group_first`: index of the first token of the enclosing group
  /// (for dependent content), `group` the group node, or nullptr.
  void value(const spec::Node& n, const spec::Node* group = nullptr, std::size_t group_first = 0) {
    switch (n.kind) {
      case spec::NodeKind::kElement:
        element(n, group, group_first);
        return;
      case spec::NodeKind::kSpare:
      case spec::NodeKind::kFx:
        ++next_;
        return;
      case spec::NodeKind::kGroup:
        object_of_children(n, n.child_count, false);
        return;
      case spec::NodeKind::kExtended:
        object_of_children(n, n.child_count, true);
        return;
      case spec::NodeKind::kRepetitive: {
        const std::uint64_t count = tokens_[next_++];
        out_ += '[';
        for (std::uint64_t i = 0; i < count; ++i) {
          if (i != 0) out_ += ',';
          value(child_of(n, 0));
        }
        out_ += ']';
        return;
      }
      case spec::NodeKind::kRepetitiveFx: {
        out_ += '[';
        bool first = true;
        std::uint64_t fx = 0;
        do {
          if (!first) out_ += ',';
          first = false;
          value(child_of(n, 0));
          fx = tokens_[next_++];
        } while (fx != 0);
        out_ += ']';
        return;
      }
      case spec::NodeKind::kCompound: {
        ++next_;  // FSPEC octet count
        const std::uint64_t present = tokens_[next_++];
        out_ += '{';
        bool first = true;
        for (std::size_t i = 0; i < n.child_count && i < 64; ++i) {
          if ((present >> i & 1u) == 0) continue;
          if (!first) out_ += ',';
          first = false;
          const spec::Node& child = child_of(n, i);
          append_key(child.name, out_);
          value(child);
        }
        out_ += '}';
        return;
      }
      case spec::NodeKind::kExplicit: {
        const std::uint64_t length = tokens_[next_++];
        const std::uint64_t mode = tokens_[next_++];
        if (mode == 1) {
          value(node_at(static_cast<std::size_t>(edition_.expansion_root)));
          return;
        }
        out_ += "{\"hex\":\"";
        for (std::uint64_t i = 0; i + 1 < length; ++i) {
          const std::uint64_t octet = tokens_[next_++];
          out_ += kHex[(octet >> 4) & 0xFu];
          out_ += kHex[octet & 0xFu];
        }
        out_ += "\"}";
        return;
      }
      case spec::NodeKind::kEmpty:
        return;
    }
  }

 private:
  void element(const spec::Node& n, const spec::Node* group, std::size_t group_first) {
    const std::uint64_t raw = tokens_[next_++];
    if (n.content != spec::ContentKind::kDependent) {
      append_content(n.content, n.lsb, n, raw, out_);
      return;
    }
    // The case is chosen by a sibling element of the same group.
    std::int64_t selector = -2;
    if (group != nullptr) {
      std::size_t token = group_first;
      for (std::size_t i = 0; i < group->child_count; ++i) {
        const spec::Node& sibling = child_of(*group, i);
        if (sibling.name == n.dependency) {
          selector = static_cast<std::int64_t>(tokens_[token]);
          break;
        }
        token += fixed_token_count(sibling);
      }
    }
    const auto& cases = spec::tables().cases;
    const spec::Case* chosen = nullptr;
    for (std::size_t i = 0; i < n.case_count; ++i) {
      const spec::Case& c = cases[n.case_begin + i];
      if (c.value == selector || (c.value == -1 && chosen == nullptr)) chosen = &c;
      if (c.value == selector) break;
    }
    if (chosen == nullptr) {
      append_unsigned(raw, out_);
    } else {
      append_content(chosen->content, chosen->lsb, n, raw, out_);
    }
  }

  void object_of_children(const spec::Node& n, std::size_t count, bool extended) {
    out_ += '{';
    const std::size_t group_first = next_;
    bool first = true;
    for (std::size_t i = 0; i < count; ++i) {
      const spec::Node& child = child_of(n, i);
      if (child.kind == spec::NodeKind::kSpare) {
        ++next_;
        continue;
      }
      if (child.kind == spec::NodeKind::kFx) {
        if (tokens_[next_++] == 0) break;
        continue;
      }
      if (!first) out_ += ',';
      first = false;
      append_key(child.name, out_);
      value(child, extended ? nullptr : &n, group_first);
    }
    out_ += '}';
  }

  const std::vector<std::uint64_t>& tokens_;
  std::size_t next_;
  const spec::EditionTable& edition_;
  std::string& out_;
};

}  // namespace

void append_item_json(const DecodedRecord& record, const DecodedItem& item, std::string& out) {
  const auto& t = spec::tables();
  JsonWalker walker(record.tokens, item.first_token, record.edition.table(), out);
  walker.value(t.nodes[t.items[item.item].root]);
}

void append_record_json(const DecodedRecord& record, std::size_t block_index,
                        std::size_t record_index, std::optional<SacSic> source, std::string& out) {
  const auto& t = spec::tables();
  out += "{\"cat\":";
  append_unsigned(static_cast<std::uint64_t>(record.edition.category()), out);
  out += ",\"block\":";
  append_unsigned(block_index, out);
  out += ",\"record\":";
  append_unsigned(record_index, out);
  if (source) {
    out += ",\"sac\":";
    append_unsigned(source->sac, out);
    out += ",\"sic\":";
    append_unsigned(source->sic, out);
  } else {
    out += ",\"sac\":null,\"sic\":null";
  }
  out += ",\"items\":{";
  bool first = true;
  for (const DecodedItem& item : record.items) {
    if (!first) out += ',';
    first = false;
    const std::string_view name = t.items[item.item].name;
    out += '"';
    if (name.size() == 3 && name[0] >= '0' && name[0] <= '9') out += 'I';
    out += name;
    out += "\":";
    append_item_json(record, item, out);
  }
  out += "}}\n";
}

}  // namespace straja::asterix
