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
  // Rows that straddle the reader's blocks, one line longer than a block, and no final '\n'.
  std::string text = "id,name\r\n";
  for (int i = 0; i < 50'000; ++i) text += std::to_string(i) + ",n" + std::to_string(i) + "\n";
  const std::string long_name(700'000, 'x');
  text += "50000," + long_name + "\r\n50001,last";
  const auto path = write_temp("blocks.csv", text);
  auto reader = CsvReader::open(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ(reader->header(), (std::vector<std::string>{"id", "name"}));
  for (int i = 0; i < 50'000; ++i) {
    ASSERT_TRUE(reader->next());
    ASSERT_EQ(reader->integer(0).value(), i);
    ASSERT_EQ(reader->cell(1), "n" + std::to_string(i));
    ASSERT_EQ(reader->line_number(), static_cast<std::size_t>(i) + 2);
  }
  ASSERT_TRUE(reader->next());
  EXPECT_EQ(reader->cell(1), long_name);
  ASSERT_TRUE(reader->next());
  EXPECT_EQ(reader->integer(0).value(), 50'001);
  EXPECT_EQ(reader->cell(1), "last");
  EXPECT_FALSE(reader->next());
  EXPECT_FALSE(reader->next());
}

}  // namespace
}  // namespace straja::io
