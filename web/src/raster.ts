// A software RGBA framebuffer for the track overlay: 1-pixel lines and pre-drawn stamps blended
// "source over" straight into an ImageData, shown with one putImageData. Drawing 10,000 symbols
// through the 2D context costs 10,000 drawImage calls, each with the browser's per-call overhead
// (about 8 us each with a software canvas); here a symbol is a hundred or so typed-array writes.
//
// Pixels are non-premultiplied RGBA bytes (ImageData's layout), read as little-endian uint32:
// 0xAABBGGRR. Coordinates are device pixels.

/** A small picture to stamp: the pixels with non-zero alpha and their offsets from its centre. */
export interface Stamp {
  dx: Int16Array;
  dy: Int16Array;
  pixels: Uint32Array;
  /** No offset is larger than this (either axis). */
  reach: number;
}

/** A stamp from whatever `paint` draws around (0, 0) on a `side` x `side` device-pixel canvas. */
export function make_stamp(side: number, paint: (g: OffscreenCanvasRenderingContext2D) => void): Stamp {
  const canvas = new OffscreenCanvas(side, side);
  const g = canvas.getContext('2d')!;
  g.translate(side / 2, side / 2);
  paint(g);
  const all = new Uint32Array(g.getImageData(0, 0, side, side).data.buffer);
  const kept: number[] = [];
  for (let i = 0; i < all.length; i += 1) if (all[i] >>> 24 !== 0) kept.push(i);
  const half = Math.floor(side / 2);
  const stamp = { dx: new Int16Array(kept.length), dy: new Int16Array(kept.length), pixels: new Uint32Array(kept.length), reach: side - half };
  kept.forEach((i, k) => {
    stamp.dx[k] = (i % side) - half;
    stamp.dy[k] = Math.floor(i / side) - half;
    stamp.pixels[k] = all[i];
  });
  return stamp;
}

/** An opaque colour '#rrggbb' with alpha `opacity` (0..1) as a pixel. */
export function pixel_of(hex: string, opacity = 1): number {
  const value = Number.parseInt(hex.slice(1), 16);
  const r = (value >> 16) & 255;
  const g = (value >> 8) & 255;
  const b = value & 255;
  return ((Math.round(255 * opacity) << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

export class Raster {
  private image: ImageData | null = null;
  private data = new Uint32Array(0);
  width = 0;
  height = 0;

  /** Sizes the framebuffer (device pixels) and clears it to transparent. */
  reset(width: number, height: number): void {
    if (!this.image || this.image.width !== width || this.image.height !== height) {
      this.image = new ImageData(Math.max(1, width), Math.max(1, height));
      this.data = new Uint32Array(this.image.data.buffer);
      this.width = width;
      this.height = height;
    } else {
      this.data.fill(0);
    }
  }

  /** A 1-pixel line from (x0, y0) to (x1, y1), clipped to the framebuffer. */
  line(x0: number, y0: number, x1: number, y1: number, pixel: number): void {
    const steps = Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)));
    if (!(steps < 1e5)) return; // NaN, or absurdly long (a point far outside the view)
    const sx = steps === 0 ? 0 : (x1 - x0) / steps;
    const sy = steps === 0 ? 0 : (y1 - y0) / steps;
    let x = x0 + 0.5;
    let y = y0 + 0.5;
    for (let k = 0; k <= steps; k += 1, x += sx, y += sy) {
      const px = Math.floor(x);
      const py = Math.floor(y);
      if (px >= 0 && py >= 0 && px < this.width && py < this.height) this.blend(py * this.width + px, pixel);
    }
  }

  /** `stamp` with its centre at the device pixel (x, y), clipped to the framebuffer. */
  stamp(stamp: Stamp, x: number, y: number): void {
    const cx = Math.floor(x);
    const cy = Math.floor(y);
    const { dx, dy, pixels } = stamp;
    const inside = cx - stamp.reach >= 0 && cy - stamp.reach >= 0 && cx + stamp.reach < this.width && cy + stamp.reach < this.height;
    for (let k = 0; k < pixels.length; k += 1) {
      const px = cx + dx[k];
      const py = cy + dy[k];
      if (inside || (px >= 0 && py >= 0 && px < this.width && py < this.height)) this.blend(py * this.width + px, pixels[k]);
    }
  }

  /** Shows the framebuffer on `g`'s canvas at its top-left corner (replacing what was there). */
  present(g: CanvasRenderingContext2D): void {
    if (this.image) g.putImageData(this.image, 0, 0);
  }

  /** Non-premultiplied "source over" of `pixel` onto the framebuffer's pixel `i`. */
  private blend(i: number, pixel: number): void {
    const sa = pixel >>> 24;
    const dst = this.data[i];
    const da = dst >>> 24;
    if (sa === 255 || da === 0) {
      this.data[i] = pixel;
      return;
    }
    const inv = 255 - sa;
    if (da === 255) {
      // Over an opaque pixel (the common case where symbols overlap): no division by the alpha.
      const r = ((pixel & 255) * sa + (dst & 255) * inv + 127) / 255;
      const g = (((pixel >>> 8) & 255) * sa + ((dst >>> 8) & 255) * inv + 127) / 255;
      const b = (((pixel >>> 16) & 255) * sa + ((dst >>> 16) & 255) * inv + 127) / 255;
      this.data[i] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
      return;
    }
    const keep = (da * inv) / 255; // the destination's share of the output alpha
    const oa = sa + keep;
    const ws = sa / oa;
    const wd = keep / oa;
    const r = (pixel & 255) * ws + (dst & 255) * wd + 0.5;
    const g = ((pixel >>> 8) & 255) * ws + ((dst >>> 8) & 255) * wd + 0.5;
    const b = ((pixel >>> 16) & 255) * ws + ((dst >>> 16) & 255) * wd + 0.5;
    this.data[i] = (((oa + 0.5) << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
}
