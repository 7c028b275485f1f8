// Track symbols as small pre-drawn stamps (raster.ts), one per class, status and emergency (and one
// selection ring), at the screen's pixel ratio: a frame then places 10,000 symbols with 10,000
// stamp copies instead of 10,000 path fills and strokes.
//
// Shapes in a SYMBOL_SIZE_PX box: diamond (ADS-B), circle (cooperative), square (non-cooperative);
// confirmed filled with a dark rim, tentative hollow, coasting hollow and dashed; each dimmed by
// its status opacity.

import type { TrackStatus } from './protocol';
import { make_stamp, type Stamp } from './raster';
import {
  LOOK_COUNT, SELECTION_COLOUR, SELECTION_RING_PX, STATUS_OPACITY, SYMBOL_RIM_COLOUR, SYMBOL_SHAPES, SYMBOL_SIZE_PX,
  look_parts, track_colour, type SymbolShape,
} from './symbology';

/** Outline radius of the shapes, in CSS pixels: 2.25 px inside the box's half side. */
const OUTLINE_R = SYMBOL_SIZE_PX / 2 - 2.25;
const HOLLOW_LINE_PX = 1.6;
const COASTING_DASH_PX = [1.7, 1.1];

export class TrackStamps {
  private readonly symbols: (Stamp | undefined)[] = new Array(LOOK_COUNT);
  private ring: Stamp | null = null;

  /** `ratio`: device pixels per CSS pixel; a different ratio needs new stamps. */
  constructor(readonly ratio: number) {}

  /** The symbol of a track's look (symbology.ts: track_look). */
  symbol(look: number): Stamp {
    let stamp = this.symbols[look];
    if (!stamp) {
      const { cls, status, emergency } = look_parts(look);
      stamp = this.draw(SYMBOL_SIZE_PX, (g) => draw_symbol(g, SYMBOL_SHAPES[cls], status, track_colour(cls, emergency)));
      this.symbols[look] = stamp;
    }
    return stamp;
  }

  selection_ring(): Stamp {
    this.ring ??= this.draw(SELECTION_RING_PX, (g) => {
      g.beginPath();
      g.arc(0, 0, SELECTION_RING_PX / 2 - 2, 0, 2 * Math.PI);
      g.lineWidth = 2;
      g.strokeStyle = SELECTION_COLOUR;
      g.stroke();
    });
    return this.ring;
  }

  /** A stamp of `size_px` CSS pixels square; `paint` draws around (0, 0) in CSS pixels. */
  private draw(size_px: number, paint: (g: OffscreenCanvasRenderingContext2D) => void): Stamp {
    return make_stamp(Math.ceil(size_px * this.ratio), (g) => {
      g.scale(this.ratio, this.ratio);
      paint(g);
    });
  }
}

function draw_symbol(g: OffscreenCanvasRenderingContext2D, shape: SymbolShape, status: TrackStatus, colour: string): void {
  g.beginPath();
  if (shape === 'diamond') {
    g.moveTo(0, -OUTLINE_R);
    g.lineTo(OUTLINE_R, 0);
    g.lineTo(0, OUTLINE_R);
    g.lineTo(-OUTLINE_R, 0);
    g.closePath();
  } else if (shape === 'circle') {
    g.arc(0, 0, 0.85 * OUTLINE_R, 0, 2 * Math.PI);
  } else {
    const half = 0.75 * OUTLINE_R;
    g.rect(-half, -half, 2 * half, 2 * half);
  }
  g.globalAlpha = STATUS_OPACITY[status] ?? 1;
  if (status === 'confirmed') {
    g.fillStyle = colour;
    g.fill();
    g.lineWidth = 1;
    g.strokeStyle = SYMBOL_RIM_COLOUR;
    g.stroke();
  } else {
    if (status === 'coasting') g.setLineDash(COASTING_DASH_PX);
    g.lineWidth = HOLLOW_LINE_PX;
    g.strokeStyle = colour;
    g.stroke();
  }
}
