#include "io/csv_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace straja::io {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("straja-csv-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path.string();
}

TEST(CsvReader, FindsColumnsByNameAndReadsRowsWithLineNumbers) {
  const auto path = write_temp("ok.csv", "t,extra,x\r\n1.5,abc,2\n\n3,,-4e2\n");
  auto reader = CsvReader::open(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  const std::size_t t = *reader->column("t");
  const std::size_t x = *reader->column("x");
  EXPECT_FALSE(reader->find_column("y").has_value());
  ASSERT_TRUE(reader->next());
  EXPECT_EQ(reader->line_number(), 2u);
  EXPECT_EQ(*reader->number(t), 1.5);
  EXPECT_EQ(*reader->number(x), 2.0);
  EXPECT_EQ(reader->cell(1), "abc");
  ASSERT_TRUE(reader->next());
  EXPECT_EQ(reader->line_number(), 4u);  // the empty line 3 is skipped
  EXPECT_EQ(*reader->number(x), -400.0);
  EXPECT_FALSE(reader->optional_number(1)->has_value());
  EXPECT_FALSE(reader->next());
}

TEST(CsvReader, ErrorsNameFileLineAndField) {
  const auto path = write_temp("bad.csv", "t,x\n1,2\n2,nan\n3,seven\n4\n");
  auto reader = CsvReader::open(path);
  ASSERT_TRUE(reader.ok());
  const std::size_t x = *reader->column("x");
  ASSERT_TRUE(reader->next());
  ASSERT_TRUE(reader->next());
  auto nan = reader->number(x);
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.error().message, path + ":3: field x: expected a number, got 'nan'");
  ASSERT_TRUE(reader->next());
  EXPECT_EQ(reader->number(x).error().message,
            path + ":4: field x: expected a number, got 'seven'");
  ASSERT_TRUE(reader->next());
  EXPECT_EQ(reader->number(x).error().message, path + ":5: field x: empty (expected a number)");
  EXPECT_EQ(reader->integer(0).value(), 4);
  EXPECT_EQ(reader->column("y").error().message, path + ":1: the header has no column 'y'");
  EXPECT_FALSE(CsvReader::open(path + ".missing").ok());
  EXPECT_FALSE(CsvReader::open(write_temp("empty.csv", "")).ok());
}

TEST(CsvReader, ReadsLinesAcrossBlocksLongLinesAndAFinalLineWithoutNewline) {
  // Rows that straddle the reader's blocks, one line longer than a block, and no final '\n';
  // with the default block and with tiny ones (every boundary case within a few rows).
  std::string text = "id,name\r\n";
  constexpr int kRows = 20'000;
  for (int i = 0; i < kRows; ++i) text += std::to_string(i) + ",n" + std::to_string(i) + "\n";
  const std::string long_name(700'000, 'x');
  text +=
      std::to_string(kRows) + "," + long_name + "\r\n\r\n" + std::to_string(kRows + 1) + ",last";
  const auto path = write_temp("blocks.csv", text);
  for (const std::size_t block : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{4096},
                                  CsvReader::kBlockBytes}) {
    auto reader = CsvReader::open(path, block);
    ASSERT_TRUE(reader.ok()) << reader.error().message;
    EXPECT_EQ(reader->header(), (std::vector<std::string>{"id", "name"})) << block;
    for (int i = 0; i < kRows; ++i) {
      ASSERT_TRUE(reader->next());
      ASSERT_EQ(reader->integer(0).value(), i) << block;
      ASSERT_EQ(reader->cell(1), "n" + std::to_string(i)) << block;
      ASSERT_EQ(reader->line_number(), static_cast<std::size_t>(i) + 2) << block;
    }
    ASSERT_TRUE(reader->next());
    EXPECT_EQ(reader->cell(1), long_name) << block;
    ASSERT_TRUE(reader->next());  // the empty "\r\n" line skipped
    EXPECT_EQ(reader->line_number(), static_cast<std::size_t>(kRows) + 4) << block;
    EXPECT_EQ(reader->integer(0).value(), kRows + 1) << block;
    EXPECT_EQ(reader->cell(1), "last") << block;
    EXPECT_FALSE(reader->next()) << block;
    EXPECT_FALSE(reader->next()) << block;
  }
}

TEST(CsvReader, UnixTimesWithinTheSpanOfTime) {
  const auto path = write_temp("times.csv", "t\n1780308000.25\n-1e9\n17800308001\n-9.3e9\nx\n");
  auto reader = CsvReader::open(path);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE(reader->next());
  EXPECT_EQ(reader->unix_time(0).value(), from_unix_seconds(1780308000.25));
  ASSERT_TRUE(reader->next());
  EXPECT_EQ(reader->unix_time(0).value(), from_unix_seconds(-1e9));
  ASSERT_TRUE(reader->next());  // year 2534: beyond int64 nanoseconds
  EXPECT_EQ(reader->unix_time(0).error().message,
            path +
                ":4: field t: time 17800308001 s is outside the times this reads (years 1678 "
                "to 2261)");
  ASSERT_TRUE(reader->next());
  EXPECT_FALSE(reader->unix_time(0).ok());
  ASSERT_TRUE(reader->next());
  EXPECT_EQ(reader->unix_time(0).error().message, path + ":6: field t: expected a number, got 'x'");
}

TEST(CsvReader, EstimatesItsRowsFromTheLinesSoFarAndTheFileSize) {
  std::string text = "time_s,value\n";
  for (int i = 0; i < 1000; ++i) text += "1780308000.5," + std::to_string(1000 + i) + "\n";
  const auto path = write_temp("estimate.csv", text);
  auto reader = CsvReader::open(path, 64);
  ASSERT_TRUE(reader.ok());
  EXPECT_FALSE(reader->estimated_rows().has_value());  // no data row yet
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(reader->next());
  ASSERT_TRUE(reader->estimated_rows().has_value());
  EXPECT_EQ(*reader->estimated_rows(), 1000u);  // every row as long as the first ten
}

TEST(CsvReader, AMovedFromReaderIsAtTheEnd) {
  const auto path = write_temp("moved.csv", "a\n1\n2\n");
  auto reader = CsvReader::open(path, 1);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE(reader->next());
  CsvReader moved = std::move(*reader);
  EXPECT_FALSE(reader->next());  // NOLINT(bugprone-use-after-move): the contract under test
  EXPECT_EQ(moved.cell(0), "1");
  ASSERT_TRUE(moved.next());
  EXPECT_EQ(moved.cell(0), "2");
  EXPECT_EQ(moved.line_number(), 3u);
  EXPECT_FALSE(moved.next());
}

}  // namespace
}  // namespace straja::io
