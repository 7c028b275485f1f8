#include "coverage/map_png.h"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>

namespace straja::coverage {
namespace {

constexpr double kMaxSidePx = 8192;

struct GObjectUnref {
  void operator()(RsvgHandle* handle) const { g_object_unref(handle); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
  void operator()(cairo_t* cairo) const { cairo_destroy(cairo); }
};

std::string take_message(GError* error, const char* fallback) {
  std::string message = error != nullptr && error->message != nullptr ? error->message : fallback;
  if (error != nullptr) g_error_free(error);
  return message;
}

}  // namespace

Result<std::vector<std::uint8_t>> svg_to_png(std::string_view svg, const PngTexts& texts) {
  GError* error = nullptr;
  std::unique_ptr<RsvgHandle, GObjectUnref> handle(
      rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error));
  if (!handle) return make_error(ErrorCode::kParse, "SVG: " + take_message(error, "unreadable"));
  double width = 0;
  double height = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &width, &height) ||
      !(width >= 1 && width <= kMaxSidePx && height >= 1 && height <= kMaxSidePx)) {
    return make_error(ErrorCode::kParse, "SVG: no width and height in pixels up to 8192");
  }
  const int width_px = static_cast<int>(std::ceil(width));
  const int height_px = static_cast<int>(std::ceil(height));
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_px, height_px));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return make_error(ErrorCode::kIo, "cannot allocate a " + std::to_string(width_px) + " x " +
                                          std::to_string(height_px) + " image");
  }
  {
    std::unique_ptr<cairo_t, CairoDestroy> cairo(cairo_create(surface.get()));
    cairo_set_source_rgb(cairo.get(), 1, 1, 1);
    cairo_paint(cairo.get());
    const RsvgRectangle viewport{0, 0, width, height};
    if (!rsvg_handle_render_document(handle.get(), cairo.get(), &viewport, &error)) {
      return make_error(ErrorCode::kParse, "SVG: " + take_message(error, "cannot be drawn"));
    }
  }
  cairo_surface_flush(surface.get());
  // Cairo's ARGB32: native-endian 32-bit words, premultiplied alpha; PNG wants RGBA bytes.
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  std::vector<std::uint8_t> rgba(4 * static_cast<std::size_t>(width_px) *
                                 static_cast<std::size_t>(height_px));
  std::size_t out = 0;
  for (int y = 0; y < height_px; ++y) {
    for (int x = 0; x < width_px; ++x) {
      std::uint32_t pixel = 0;
      std::memcpy(&pixel, data + static_cast<std::ptrdiff_t>(y) * stride + 4 * x, sizeof pixel);
      const std::uint32_t a = pixel >> 24;
      const auto channel = [&](int shift) {
        const std::uint32_t c = (pixel >> shift) & 0xffu;
        return static_cast<std::uint8_t>(
            a == 0 ? 0 : std::min<std::uint32_t>(255, (c * 255 + a / 2) / a));
      };
      rgba[out++] = channel(16);
      rgba[out++] = channel(8);
      rgba[out++] = channel(0);
      rgba[out++] = static_cast<std::uint8_t>(a);
    }
  }
  std::vector<std::uint8_t> png = encode_rgba_png(width_px, height_px, std::move(rgba), texts);
  if (png.empty()) return make_error(ErrorCode::kIo, "PNG encoding failed");
  return png;
}

Status write_svg_as_png(const std::string& path, std::string_view svg, const PngTexts& texts) {
  auto png = svg_to_png(svg, texts);
  if (!png.ok()) return png.error();
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(png->data()), static_cast<std::streamsize>(png->size()));
  if (!out) return make_error(ErrorCode::kIo, path + ": write failed");
  return {};
}

}  // namespace straja::coverage
