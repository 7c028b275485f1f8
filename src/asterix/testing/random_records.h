#pragma once
// Random, structurally valid ASTERIX records of any defined edition, generated from the spec
// tables: every item kind (fixed, extended with a random number of extents, repetitive,
// repetitive-FX, compound with a random subset of subitems, explicit, Reserved Expansion through
// the edition's definition when it has one). Element contents are random bits. For tests
// (round trips, typed-versus-generic checks), fuzz seeds and benchmarks; deterministic per seed.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "asterix/edition.h"

namespace straja::asterix::testing {

struct RandomRecordOptions {
  double item_probability = 0.5;     ///< chance that each UAP item is present
  double subitem_probability = 0.5;  ///< chance that each compound subitem is present
  unsigned max_repetitions = 3;      ///< repetitive items: 0..max copies (FX-repetitive: 1..max)
  unsigned max_extents = 4;          ///< extended items: 1..max octet runs (within the definition)
  bool with_data_source = true;      ///< always include FRN 1 (I010 in every category here)
  /// When not empty, only these items are ever present (names as in the UAP: "040", "RE", ...).
  std::vector<std::string> items;
  /// String elements hold characters of their set (ICAO 6-bit: A-Z, 0-9, space; ASCII: printable)
  /// instead of random bits, for decoders that reject or re-escape other codes.
  bool printable_strings = false;
  /// Chance that an element takes an extreme value instead of random bits: all zeros, all ones,
  /// only the top bit (the most negative two's complement value) or all but the top bit.
  double edge_value_probability = 0;
  /// The UAP variation of every record (CAT001: 0 plot, 1 track); -1 picks one at random.
  int uap_variation = -1;
};

class RandomRecords {
 public:
  explicit RandomRecords(std::uint64_t seed, RandomRecordOptions options = {})
      : random_(seed), options_(options) {}

  /// Appends one record (FSPEC and items) of `edition` to `out`. Editions whose UAP depends on
  /// an item's value (CAT001) get that value set to match the UAP variation generated.
  void append_record(const Edition& edition, std::vector<std::uint8_t>& out);

  /// Appends one data block of `records` records of `edition` (header included).
  void append_block(const Edition& edition, unsigned records, std::vector<std::uint8_t>& out);

 private:
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
  unsigned below(unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(random_); }
  void node(const spec::Node& n, const spec::EditionTable& edition, std::vector<bool>& bits);
  void random_bits(unsigned count, std::vector<bool>& bits);

  std::mt19937_64 random_;
  RandomRecordOptions options_;
};

}  // namespace straja::asterix::testing
