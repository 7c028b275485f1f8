#include "asterix/json_writer.h"

#include <charconv>
#include <cstring>
#include <string_view>
#include <vector>

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

/// Appends to a std::string through a local buffer, so short pieces cost no string bookkeeping.
/// The write position is a cursor passed along and returned by every writing function, so it
/// stays in a register: a position kept in memory would be reloaded after every octet written
/// through a char pointer (which may alias it), a store-to-load round trip per piece.
/// Contract: before writing up to n octets (n <= kBuffer) at cursor `at`, a writer calls
/// at = room(at, n); it may then write n octets from `at`. flush(at) must be called last.
class Writer {
 public:
  static constexpr std::size_t kBuffer = 4096;
  static constexpr std::size_t kMaxPiece = 64;

  explicit Writer(std::string& out) : out_(out) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  char* begin() { return buffer_; }
  char* room(char* at, std::size_t size) {
    if (at + size <= buffer_ + kBuffer) return at;
    flush(at);
    return buffer_;
  }
  char* put(char* at, char c) {
    at = room(at, 1);
    *at = c;
    return at + 1;
  }
  /// Any length (longer than kMaxPiece: passed on directly).
  char* put(char* at, std::string_view text) {
    if (text.size() > kMaxPiece) {
      flush(at);
      out_.append(text);
      return buffer_;
    }
    at = room(at, text.size());
    std::memcpy(at, text.data(), text.size());
    return at + text.size();
  }
  void flush(char* at) { out_.append(buffer_, static_cast<std::size_t>(at - buffer_)); }

 private:
  std::string& out_;
  char buffer_[kBuffer];
};

/// Every node's JSON key, `"NAME":`, and every item's, `"I010":` (`"SP":` for non-numeric
/// names), built once from the static tables. Each text is followed by kPad spare octets in the
/// pool so a key of at most kPad octets is copied as one fixed-size block (the cursor then moves
/// by its true length: the spare octets written past it are overwritten next).
struct Keys {
  static constexpr std::size_t kPad = 32;
  struct Key {
    std::uint32_t begin;
    std::uint32_t length;
  };
  std::string pool;
  std::vector<Key> node_key;  // per node
  std::vector<Key> item_key;  // per item

  void add(std::vector<Key>& index, std::string_view prefix, std::string_view name) {
    const auto begin = static_cast<std::uint32_t>(pool.size());
    pool += '"';
    pool += prefix;
    pool += name;
    pool += "\":";
    index.push_back({begin, static_cast<std::uint32_t>(pool.size()) - begin});
    pool.append(kPad, '\0');
  }

  Keys() {
    const auto& t = spec::tables();
    for (const spec::Node& node : t.nodes) add(node_key, "", node.name);
    for (const spec::Item& item : t.items) {
      const std::string_view name = item.name;
      const bool numbered = name.size() == 3 && name[0] >= '0' && name[0] <= '9';
      add(item_key, numbered ? "I" : "", name);
    }
  }

  char* write(Key key, Writer& out, char* at) const {
    const char* text = pool.data() + key.begin;
    if (key.length > kPad) return out.put(at, std::string_view(text, key.length));
    at = out.room(at, kPad);
    std::memcpy(at, text, kPad);
    return at + key.length;
  }
  char* node(std::size_t i, Writer& out, char* at) const { return write(node_key[i], out, at); }
  char* item(std::size_t i, Writer& out, char* at) const { return write(item_key[i], out, at); }
};

const Keys& keys() {
  static const Keys instance;
  return instance;
}

char* append_unsigned(std::uint64_t value, Writer& out, char* at) {
  at = out.room(at, 24);
  if (value < 10) {
    *at = static_cast<char>('0' + value);
    return at + 1;
  }
  return std::to_chars(at, at + 24, value).ptr;
}
char* append_signed(std::int64_t value, Writer& out, char* at) {
  at = out.room(at, 24);
  return std::to_chars(at, at + 24, value).ptr;
}
char* append_double(double value, Writer& out, char* at) {
  at = out.room(at, 32);
  return std::to_chars(at, at + 32, value).ptr;
}
/// `digits` <= 16: tokens hold at most 64 bits.
char* append_hex(std::uint64_t value, unsigned digits, Writer& out, char* at) {
  at = out.room(at, digits + 2);
  *at++ = '"';
  for (unsigned i = digits; i-- > 0;) *at++ = kHex[(value >> (i * 4)) & 0xFu];
  *at++ = '"';
  return at;
}

/// Appends text (at most 11 characters) as a JSON string, trimmed of spaces at both ends,
/// control characters escaped.
char* append_text(std::string_view text, Writer& out, char* at) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\0')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.remove_suffix(1);
  at = out.room(at, 2 + 6 * text.size());
  *at++ = '"';
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      *at++ = '\\';
      *at++ = c;
    } else if (u < 0x20 || u >= 0x7F) {
      std::memcpy(at, "\\u00", 4);
      at[4] = kHex[u >> 4];
      at[5] = kHex[u & 0xFu];
      at += 6;
    } else {
      *at++ = c;
    }
  }
  *at++ = '"';
  return at;
}

char* append_content(spec::ContentKind content, double lsb, const spec::Node& node,
                     std::uint64_t raw, Writer& out, char* at) {
  const unsigned bits = node.bits;
  switch (content) {
    case spec::ContentKind::kUnsignedQuantity:
      return append_double(static_cast<double>(raw) * lsb, out, at);
    case spec::ContentKind::kSignedQuantity:
      return append_double(static_cast<double>(sign_extend64(raw, bits)) * lsb, out, at);
    case spec::ContentKind::kSignedInteger:
      return append_signed(sign_extend64(raw, bits), out, at);
    case spec::ContentKind::kOctal: {
      const unsigned digits = bits / 3;  // <= 21 for a 64-bit token
      at = out.room(at, digits + 2);
      *at++ = '"';
      for (unsigned digit = digits; digit-- > 0;)
        *at++ = static_cast<char>('0' + ((raw >> (digit * 3)) & 7u));
      *at++ = '"';
      return at;
    }
    case spec::ContentKind::kAscii: {
      char text[8];
      const unsigned count = bits / 8;
      for (unsigned i = 0; i < count; ++i)
        text[i] = static_cast<char>((raw >> ((count - 1 - i) * 8)) & 0xFFu);
      return append_text({text, count}, out, at);
    }
    case spec::ContentKind::kIcao: {
      char text[11];
      const unsigned count = bits / 6;
      for (unsigned i = 0; i < count && i < sizeof text; ++i) {
        text[i] = kIcaoChars[(raw >> ((count - 1 - i) * 6)) & 0x3Fu];
      }
      return append_text({text, count < sizeof text ? count : sizeof text}, out, at);
    }
    case spec::ContentKind::kAddress:
      return append_hex(raw, 6, out, at);
    case spec::ContentKind::kBds:
      return append_hex(raw, (bits + 3) / 4, out, at);
    default:  // raw, table, unsigned integer; wider than a double's mantissa: hex text
      if (bits > 53) return append_hex(raw, (bits + 3) / 4, out, at);
      return append_unsigned(raw, out, at);
  }
}

/// Walks tokens alongside the specification and writes JSON. Every writing member takes the
/// cursor and returns the new one (see Writer).
class JsonWalker {
 public:
  JsonWalker(const std::vector<std::uint64_t>& tokens, std::size_t first,
             const spec::EditionTable& edition, Writer& out)
      : tokens_(tokens.data()),
        next_(first),
        edition_(edition),
        out_(out),
        nodes_(spec::tables().nodes.data()),
        keys_(keys()) {}

  /// Writes the value of `node`. `group_first`: index of the first token of the enclosing group
  /// (for dependent content), `group` the group node, or nullptr.
  char* value(const spec::Node& n, char* at, const spec::Node* group = nullptr,
              std::size_t group_first = 0) {
    switch (n.kind) {
      case spec::NodeKind::kElement:
        return element(n, group, group_first, at);
      case spec::NodeKind::kSpare:
      case spec::NodeKind::kFx:
        ++next_;
        return at;
      case spec::NodeKind::kGroup:
        return object_of_children(n, n.child_count, false, at);
      case spec::NodeKind::kExtended:
        return object_of_children(n, n.child_count, true, at);
      case spec::NodeKind::kRepetitive: {
        const std::uint64_t count = tokens_[next_++];
        at = out_.put(at, '[');
        for (std::uint64_t i = 0; i < count; ++i) {
          if (i != 0) at = out_.put(at, ',');
          at = value(child(n, 0), at);
        }
        return out_.put(at, ']');
      }
      case spec::NodeKind::kRepetitiveFx: {
        at = out_.put(at, '[');
        bool first = true;
        std::uint64_t fx = 0;
        do {
          if (!first) at = out_.put(at, ',');
          first = false;
          at = value(child(n, 0), at);
          fx = tokens_[next_++];
        } while (fx != 0);
        return out_.put(at, ']');
      }
      case spec::NodeKind::kCompound: {
        ++next_;  // FSPEC octet count
        const std::uint64_t present = tokens_[next_++];
        at = out_.put(at, '{');
        bool first = true;
        for (std::size_t i = 0; i < n.child_count && i < 64; ++i) {
          if ((present >> i & 1u) == 0) continue;
          if (!first) at = out_.put(at, ',');
          first = false;
          at = keys_.node(n.child_begin + i, out_, at);
          at = value(child(n, i), at);
        }
        return out_.put(at, '}');
      }
      case spec::NodeKind::kExplicit: {
        const std::uint64_t length = tokens_[next_++];
        const std::uint64_t mode = tokens_[next_++];
        if (mode == 1) return value(nodes_[static_cast<std::size_t>(edition_.expansion_root)], at);
        at = out_.put(at, "{\"hex\":\"");
        for (std::uint64_t i = 0; i + 1 < length; ++i) {
          const std::uint64_t octet = tokens_[next_++];
          at = out_.room(at, 2);
          *at++ = kHex[(octet >> 4) & 0xFu];
          *at++ = kHex[octet & 0xFu];
        }
        return out_.put(at, "\"}");
      }
      case spec::NodeKind::kEmpty:
        return at;
    }
    return at;
  }

 private:
  const spec::Node& child(const spec::Node& n, std::size_t i) const {
    return nodes_[n.child_begin + i];
  }

  char* element(const spec::Node& n, const spec::Node* group, std::size_t group_first, char* at) {
    const std::uint64_t raw = tokens_[next_++];
    if (n.content != spec::ContentKind::kDependent)
      return append_content(n.content, n.lsb, n, raw, out_, at);
    // The case is chosen by a sibling element of the same group.
    std::int64_t selector = -2;
    if (group != nullptr) {
      std::size_t token = group_first;
      for (std::size_t i = 0; i < group->child_count; ++i) {
        const spec::Node& sibling = child(*group, i);
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
    if (chosen == nullptr) return append_unsigned(raw, out_, at);
    return append_content(chosen->content, chosen->lsb, n, raw, out_, at);
  }

  char* object_of_children(const spec::Node& n, std::size_t count, bool extended, char* at) {
    at = out_.put(at, '{');
    const std::size_t group_first = next_;
    bool first = true;
    for (std::size_t i = 0; i < count; ++i) {
      const spec::Node& c = child(n, i);
      if (c.kind == spec::NodeKind::kSpare) {
        ++next_;
        continue;
      }
      if (c.kind == spec::NodeKind::kFx) {
        if (tokens_[next_++] == 0) break;
        continue;
      }
      if (!first) at = out_.put(at, ',');
      first = false;
      at = keys_.node(n.child_begin + i, out_, at);
      if (c.kind == spec::NodeKind::kElement && c.content != spec::ContentKind::kDependent) {
        at = append_content(c.content, c.lsb, c, tokens_[next_++], out_, at);  // element()
      } else {
        at = value(c, at, extended ? nullptr : &n, group_first);
      }
    }
    return out_.put(at, '}');
  }

  const std::uint64_t* tokens_;
  std::size_t next_;
  const spec::EditionTable& edition_;
  Writer& out_;
  const spec::Node* nodes_;
  const Keys& keys_;
};

char* write_item(const DecodedRecord& record, const DecodedItem& item, Writer& out, char* at) {
  const auto& t = spec::tables();
  JsonWalker walker(record.tokens, item.first_token, record.edition.table(), out);
  return walker.value(t.nodes[t.items[item.item].root], at);
}

}  // namespace

void append_item_json(const DecodedRecord& record, const DecodedItem& item, std::string& out) {
  Writer writer(out);
  writer.flush(write_item(record, item, writer, writer.begin()));
}

void append_record_json(const DecodedRecord& record, std::size_t block_index,
                        std::size_t record_index, std::optional<SacSic> source, std::string& out) {
  Writer writer(out);
  char* at = writer.put(writer.begin(), "{\"cat\":");
  at = append_unsigned(static_cast<std::uint64_t>(record.edition.category()), writer, at);
  at = writer.put(at, ",\"block\":");
  at = append_unsigned(block_index, writer, at);
  at = writer.put(at, ",\"record\":");
  at = append_unsigned(record_index, writer, at);
  if (source) {
    at = writer.put(at, ",\"sac\":");
    at = append_unsigned(source->sac, writer, at);
    at = writer.put(at, ",\"sic\":");
    at = append_unsigned(source->sic, writer, at);
  } else {
    at = writer.put(at, ",\"sac\":null,\"sic\":null");
  }
  at = writer.put(at, ",\"items\":{");
  const Keys& k = keys();
  bool first = true;
  for (const DecodedItem& item : record.items) {
    if (!first) at = writer.put(at, ',');
    first = false;
    at = k.item(item.item, writer, at);
    at = write_item(record, item, writer, at);
  }
  writer.flush(writer.put(at, "}}\n"));
}

}  // namespace straja::asterix
