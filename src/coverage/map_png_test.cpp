#include "coverage/map_png.h"

#include <gtest/gtest.h>
#include <png.h>

#include <cmath>
#include <string>

#include "coverage/ridge_test_support.h"

namespace straja::coverage {
namespace {

struct Decoded {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;
  const std::uint8_t* at(int x, int y) const {
    return rgba.data() + 4 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                              static_cast<std::size_t>(x));
  }
};

Decoded decode(const std::vector<std::uint8_t>& bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  Decoded decoded;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) return decoded;
  image.format = PNG_FORMAT_RGBA;
  decoded.rgba.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, decoded.rgba.data(), 0, nullptr)) return {};
  decoded.width = static_cast<int>(image.width);
  decoded.height = static_cast<int>(image.height);
  return decoded;
}

// The number after `name="` in the SVG's root element.
double root_attribute(const std::string& svg, const std::string& name) {
  const std::size_t at = svg.find(name + "=\"");
  return at == std::string::npos ? -1 : std::stod(svg.substr(at + name.size() + 2));
}

TEST(CoverageMapPng, ShowsTheSvgsLegendAndBorder) {
  const testing::BoxCoverage box = testing::box_coverage();
  const GeoGrid& grid = box.grid;
  const Area& area = box.area;
  const CoverageResult& result = box.result;
  const std::string terrain = terrain_statement(result, {});
  const std::string svg = coverage_svg(result, area, 0, 0, terrain);
  const auto png = svg_to_png(svg, coverage_png_texts(result, area, 0, 0, terrain));
  ASSERT_TRUE(png.ok()) << png.error().message;
  const std::string bytes(png->begin(), png->end());
  EXPECT_NE(bytes.find("tEXtTitle"), std::string::npos);
  EXPECT_NE(bytes.find("tEXtComment"), std::string::npos);

  const Decoded image = decode(*png);
  ASSERT_EQ(image.width, static_cast<int>(root_attribute(svg, "width")));
  ASSERT_EQ(image.height, static_cast<int>(root_attribute(svg, "height")));
  // The legend sits below the map (coverage_svg): its first swatch, "not covered", is drawn at
  // x 6..22 from 4 px below the map's bottom edge (map 26 px from the top).
  const int map_width = image.width;
  const int map_height =
      static_cast<int>(std::lround(map_width * grid.rows() / static_cast<double>(grid.columns())));
  const int legend_top = map_height + 34;
  const std::uint8_t* swatch = image.at(14, legend_top + 7);
  EXPECT_NEAR(swatch[0], 0xe0, 2);
  EXPECT_NEAR(swatch[1], 0x4f, 2);
  EXPECT_NEAR(swatch[2], 0x3f, 2);
  // Its text is drawn beside it: dark pixels in the legend rows, right of the swatches.
  int legend_ink = 0;
  for (int y = legend_top; y < image.height; ++y) {
    for (int x = 28; x < image.width; ++x) {
      const std::uint8_t* p = image.at(x, y);
      legend_ink += p[0] < 100 && p[1] < 100 && p[2] < 100 ? 1 : 0;
    }
  }
  EXPECT_GT(legend_ink, 500);
  // The area border: along the box's west edge (lon 27.6, a 1.2 px black line, anti-aliased) every
  // row of the map between its corners has a pixel within 2 px much darker than the map 8 px away.
  const auto map_x = [&](double lon) {
    return (lon - grid.west_deg()) / (grid.east_deg() - grid.west_deg()) * map_width;
  };
  const auto map_y = [&](double lat) {
    return 26 + (grid.north_deg() - lat) / (grid.north_deg() - grid.south_deg()) * map_height;
  };
  const int west_x = static_cast<int>(std::lround(map_x(27.6)));
  int rows_with_border = 0;
  int rows = 0;
  for (int y = static_cast<int>(map_y(47.25)); y < static_cast<int>(map_y(46.75)); ++y, ++rows) {
    const auto brightness = [&](int x) {
      const std::uint8_t* p = image.at(x, y);
      return p[0] + p[1] + p[2];
    };
    bool dark = false;
    for (int x = west_x - 2; x <= west_x + 2; ++x) {
      dark = dark || brightness(x) < brightness(west_x + 8) - 250;
    }
    rows_with_border += dark ? 1 : 0;
  }
  EXPECT_GT(rows, 100);
  EXPECT_EQ(rows_with_border, rows);
}

TEST(CoverageMapPng, RefusesWhatIsNotAnSvgWithASize) {
  EXPECT_FALSE(svg_to_png("not svg", {}).ok());
  EXPECT_FALSE(svg_to_png("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" "
                          "height=\"100000\"/>",
                          {})
                   .ok());
  const auto small =
      svg_to_png("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"3\" height=\"2\"/>", {});
  ASSERT_TRUE(small.ok()) << small.error().message;
  const Decoded image = decode(*small);
  EXPECT_EQ(image.width, 3);
  EXPECT_EQ(image.height, 2);
  EXPECT_EQ(image.at(2, 1)[0], 0xff);  // the white page
}

}  // namespace
}  // namespace straja::coverage
