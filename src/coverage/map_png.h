#pragma once
// PNG maps of the coverage audit: the SVG map (report.h, coverage_svg) rasterised through librsvg
// and cairo, so that the PNG shows exactly what the SVG shows (raster, area border, sensor sites,
// legend, terrain statement): one drawing, two formats. Library straja_coverage_png, linked by
// the straja-coverage executable only (as GDAL), never by `straja`.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "coverage/report.h"

namespace straja::coverage {

/// An SVG document rasterised at its own size (its width and height, in pixels; at most 8192 a
/// side) on a white page, as PNG bytes carrying `texts`. Errors (kParse) for a document librsvg
/// cannot read or that has no usable size.
Result<std::vector<std::uint8_t>> svg_to_png(std::string_view svg, const PngTexts& texts);

/// Writes svg_to_png(svg, texts) to `path` (maps/<layer>.png: coverage_svg() with
/// coverage_png_texts()). Errors (kParse) from svg_to_png, kIo when the file cannot be written.
Status write_svg_as_png(const std::string& path, std::string_view svg, const PngTexts& texts);

}  // namespace straja::coverage
