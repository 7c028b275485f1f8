#include "io/yaml_fields.h"

#include <gtest/gtest.h>

namespace straja::io {
namespace {

struct Sample {
  double pd = 0.0;
  std::string name;
  std::int64_t count = 0;
};

Result<Sample> read_sample(std::string_view text) {
  return read_yaml_text<Sample>(text, "sample.yaml", [](const YamlMap& root) {
    Sample sample;
    sample.name = root.text("name");
    const YamlMap radar = root.map("radar");
    sample.pd = radar.number("pd");
    sample.count = radar.integer_or("count", 3);
    radar.reject_unknown_keys();
    root.reject_unknown_keys();
    return sample;
  });
}

TEST(YamlFieldsTest, ReadsTypedFieldsAndDefaults) {
  auto sample = read_sample("name: first\nradar:\n  pd: 0.9\n");
  ASSERT_TRUE(sample.ok()) << sample.error().describe();
  EXPECT_EQ(sample->name, "first");
  EXPECT_DOUBLE_EQ(sample->pd, 0.9);
  EXPECT_EQ(sample->count, 3);
}

TEST(YamlFieldsTest, BadValueNamesFileLineAndField) {
  auto sample = read_sample("name: first\nradar:\n  pd: high\n");
  ASSERT_FALSE(sample.ok());
  EXPECT_EQ(sample.error().message, "sample.yaml:3: radar.pd: expected a number, got 'high'");
  EXPECT_EQ(sample.error().offset, 3u);
}

TEST(YamlFieldsTest, MissingFieldAndUnknownKeyAreErrors) {
  auto missing = read_sample("name: first\nradar:\n  count: 2\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("radar.pd: is required"), std::string::npos);
  auto typo = read_sample("name: first\nradar:\n  pd: 0.5\n  cuont: 2\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.error().message, "sample.yaml:4: radar.cuont: unknown key (misspelt?)");
}

TEST(YamlFieldsTest, SyntaxErrorNamesLine) {
  auto broken = read_sample("name: first\nradar: [1, 2\n");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kParse);
  EXPECT_EQ(broken.error().message.rfind("sample.yaml:", 0), 0u);
  EXPECT_NE(broken.error().message.find("YAML syntax"), std::string::npos);
}

TEST(YamlFieldsTest, MissingFileIsNotFound) {
  auto result =
      read_yaml_file<Sample>("/nonexistent/x.yaml", [](const YamlMap&) { return Sample{}; });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_NE(result.error().message.find("/nonexistent/x.yaml"), std::string::npos);
}

}  // namespace
}  // namespace straja::io
