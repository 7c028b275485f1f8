// Any bytes given as a CSV file (the first byte picks the reader's block size, 1 to 64 bytes, so
// lines cross block boundaries everywhere): io::CsvReader returns exactly the lines an independent
// split finds (header first; empty lines skipped; "\r\n" as "\n"), with their line numbers and
// cells, and every number() is a value or an error naming the file; io::read_plots_csv yields
// plots in time order or an Error, never a crash or a hang.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_target.h"
#include "io/csv_reader.h"
#include "io/plots_csv_reader.h"

namespace {

/// The file's lines without their end of line: split at '\n', one trailing '\r' removed; a last
/// line without '\n' counts when not empty.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string_view> cells_of(std::string_view line) {
  std::vector<std::string_view> cells;
  while (true) {
    const std::size_t comma = line.find(',');
    cells.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos) return cells;
    line.remove_prefix(comma + 1);
  }
}

void check(bool holds) {
  if (!holds) __builtin_trap();
}

const std::string& temp_path() {
  static const std::string path =
      (std::filesystem::temp_directory_path() /
       ("straja-fuzz-csv-" + std::to_string(static_cast<long>(::getpid())) + ".csv"))
          .string();
  return path;
}

}  // namespace

STRAJA_FUZZ_TARGET("csv") {
  if (size == 0) return 0;
  const std::size_t block = 1 + data[0] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string& path = temp_path();
  {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) return 0;
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    if (std::fclose(file) != 0 || !written) return 0;
  }

  const std::vector<std::string_view> lines = lines_of(text);
  auto reader = straja::io::CsvReader::open(path, block);
  check(reader.ok() == !lines.empty());
  if (reader.ok()) {
    const std::vector<std::string_view> header = cells_of(lines.front());
    check(reader->header().size() == header.size());
    for (std::size_t i = 0; i < header.size(); ++i) check(reader->header()[i] == header[i]);
    for (std::size_t n = 1; n < lines.size(); ++n) {
      if (lines[n].empty()) continue;
      check(reader->next());
      check(reader->line_number() == n + 1);
      const std::vector<std::string_view> cells = cells_of(lines[n]);
      for (std::size_t i = 0; i < cells.size(); ++i) {
        check(reader->cell(i) == cells[i]);
        const auto number = reader->number(i);
        check(number.ok() || number.error().message.starts_with(path + ":"));
      }
      check(reader->cell(cells.size()).empty());
    }
    check(!reader->next());
  }

  straja::SensorRegistry registry;
  registry.sensors.resize(2);
  registry.sensors[0].id = "psr";
  registry.sensors[0].kind = straja::SensorKind::kPsr3d;
  registry.sensors[1].id = "adsb";
  registry.sensors[1].kind = straja::SensorKind::kAdsb;
  const auto plots = straja::io::read_plots_csv(path, registry);
  if (plots.ok()) {
    for (std::size_t i = 1; i < plots->plots.size(); ++i) {
      check(plots->plots[i - 1].time <= plots->plots[i].time);
    }
    check(plots->rejected == 0 || !plots->first_rejection.empty());
  } else {
    check(!plots.error().message.empty());
  }
  return 0;
}
