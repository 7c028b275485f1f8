// The tracks drawn straight into the map's WebGL2 context (a maplibre custom layer): trails and speed
// vectors as one line batch, symbols and the selection ring as one batch of point sprites whose
// shapes are computed in the fragment shader. A picture change rebuilds the vertex arrays once
// (`set`); every frame after that - panning, zooming, a label redraw - is three draw calls with
// one matrix, whatever the number of tracks. A GeoJSON source would instead re-tile the whole
// picture in a worker and re-place 10,000 symbols on every change.
//
// Positions are spherical-mercator coordinates relative to an origin near the picture, in float32:
// the origin is folded into the matrix in float64, so symbols do not jitter at street-level zooms.
// Mercator only (the map's projection).

import { type CustomLayerInterface, type CustomRenderMethodInput, type Map as MapLibre } from 'maplibre-gl';
import { emergency_code, track_class } from './classify';
import { lead_point } from './geometry';
import type { TrackEntry } from './picture';
import { SELECTION_RING_PX, STATUS_OPACITY, SYMBOL_SHAPES, SYMBOL_SIZE_PX, TRAIL_OPACITY, colour_rgba } from './symbology';
import type { TrackStatus } from './protocol';

/** Length of the speed vector: where the track will be in this many seconds. */
export const VECTOR_LEAD_S = 60;

const STATUS_CODES: Record<TrackStatus, number> = { tentative: 0, confirmed: 1, coasting: 2 };
const SELECTION_SHAPE = 3;

const LINE_VERTEX = `#version 300 es
uniform mat4 u_matrix;
in vec2 a_position;
in vec4 a_colour;
out vec4 v_colour;
void main() {
  gl_Position = u_matrix * vec4(a_position, 0.0, 1.0);
  v_colour = a_colour;
}`;

const LINE_FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_colour;
out vec4 frag;
void main() {
  frag = vec4(v_colour.rgb * v_colour.a, v_colour.a);
}`;

// a_style: shape (0 diamond, 1 circle, 2 square, 3 selection ring), status (0 tentative,
// 1 confirmed, 2 coasting), size in CSS pixels.
const POINT_VERTEX = `#version 300 es
uniform mat4 u_matrix;
uniform float u_pixel_ratio;
in vec2 a_position;
in vec4 a_colour;
in vec3 a_style;
out vec4 v_colour;
flat out vec3 v_style;
void main() {
  gl_Position = u_matrix * vec4(a_position, 0.0, 1.0);
  gl_PointSize = a_style.z * u_pixel_ratio;
  v_colour = a_colour;
  v_style = a_style;
}`;

// Signed distance (in CSS pixels, negative inside) to the symbol outline, then fill and stroke as
// the 2D symbology asks: confirmed filled with a dark rim, tentative hollow, coasting hollow dashed.
const POINT_FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_colour;
flat in vec3 v_style;
out vec4 frag;
void main() {
  float half_size = 0.5 * v_style.z;
  vec2 p = (gl_PointCoord * 2.0 - 1.0) * half_size;
  float r = half_size - 2.25;
  int shape = int(v_style.x + 0.5);
  int status = int(v_style.y + 0.5);
  float d;
  if (shape == 0) d = (abs(p.x) + abs(p.y) - r) * 0.70710678;
  else if (shape == 1) d = length(p) - 0.85 * r;
  else if (shape == 2) d = max(abs(p.x), abs(p.y)) - 0.75 * r;
  else d = abs(length(p) - (half_size - 2.0)) - 1.0;
  float inside = clamp(0.5 - d, 0.0, 1.0);
  vec4 colour;
  if (shape == 3) {
    colour = vec4(1.0, 1.0, 1.0, inside);
  } else if (status == 1) {
    float rim = clamp(0.5 - abs(d + 0.2) + 0.4, 0.0, 1.0);
    colour = vec4(mix(v_colour.rgb, vec3(0.043, 0.078, 0.11), rim), inside * v_colour.a);
  } else {
    float stroke = clamp(0.5 - (abs(d) - 0.8), 0.0, 1.0);
    if (status == 2 && fract(atan(p.y, p.x) * 1.2732395) < 0.4) stroke = 0.0;
    colour = vec4(v_colour.rgb, stroke * v_colour.a);
  }
  if (colour.a <= 0.0) discard;
  frag = vec4(colour.rgb * colour.a, colour.a);
}`;

/** Growable vertex arrays: float32 positions (x, y), RGBA8 colours and (points) 3-byte styles. */
class VertexBatch {
  positions = new Float32Array(0);
  colours = new Uint8Array(0);
  styles = new Uint8Array(0);
  count = 0;

  constructor(private readonly with_style: boolean) {}

  reset(capacity: number): void {
    if (this.positions.length < 2 * capacity) {
      const size = Math.max(capacity, 2 * (this.positions.length / 2));
      this.positions = new Float32Array(2 * size);
      this.colours = new Uint8Array(4 * size);
      if (this.with_style) this.styles = new Uint8Array(3 * size);
    }
    this.count = 0;
  }

  push(x: number, y: number, rgba: Uint8Array | number[]): number {
    const i = this.count;
    this.positions[2 * i] = x;
    this.positions[2 * i + 1] = y;
    this.colours[4 * i] = rgba[0];
    this.colours[4 * i + 1] = rgba[1];
    this.colours[4 * i + 2] = rgba[2];
    this.colours[4 * i + 3] = rgba[3];
    this.count += 1;
    return i;
  }

  style(i: number, shape: number, status: number, size_px: number): void {
    this.styles[3 * i] = shape;
    this.styles[3 * i + 1] = status;
    this.styles[3 * i + 2] = size_px;
  }
}

interface Program {
  program: WebGLProgram;
  matrix: WebGLUniformLocation | null;
  pixel_ratio: WebGLUniformLocation | null;
}

interface GpuBatch {
  vao: WebGLVertexArrayObject;
  buffers: WebGLBuffer[];
}

export class TrackLayer implements CustomLayerInterface {
  readonly id = 'tracks';
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;

  private map: MapLibre | null = null;
  private gl: WebGL2RenderingContext | null = null;
  private line_program: Program | null = null;
  private point_program: Program | null = null;
  private line_gpu: GpuBatch | null = null;
  private point_gpu: GpuBatch | null = null;
  private readonly lines = new VertexBatch(false);
  private readonly points = new VertexBatch(true);
  private uploaded = false;
  /** Mercator origin of the vertex coordinates (float64). */
  private origin_x = 0;
  private origin_y = 0;
  private readonly matrix = new Float32Array(16);

  /** Rebuilds every vertex from the drawn tracks (already filtered); `selected` gets a ring. */
  set(entries: TrackEntry[], selected: TrackEntry | null): void {
    let trail_segments = 0;
    for (const { trail } of entries) trail_segments += Math.max(0, trail.length - 1);
    this.lines.reset(2 * (trail_segments + entries.length));
    this.points.reset(entries.length + 1);
    if (entries.length > 0) {
      this.origin_x = mercator_x(entries[0].track.lon);
      this.origin_y = mercator_y(entries[0].track.lat);
    }
    const trail_rgba = new Uint8Array(4);
    for (const { track, trail } of entries) {
      const cls = track_class(track);
      const emergency = emergency_code(track) !== null;
      const colour = colour_rgba(cls, emergency);
      trail_rgba.set(colour_rgba(cls, false));
      trail_rgba[3] = Math.round(255 * TRAIL_OPACITY);
      for (let k = 1; k < trail.length; k += 1) {
        this.line_point(trail[k - 1][0], trail[k - 1][1], trail_rgba);
        this.line_point(trail[k][0], trail[k][1], trail_rgba);
      }
      const [lead_lon, lead_lat] = lead_point(track.lon, track.lat, track.vel_east_mps || 0, track.vel_north_mps || 0, VECTOR_LEAD_S);
      this.line_point(track.lon, track.lat, colour);
      this.line_point(lead_lon, lead_lat, colour);

      const rgba = [colour[0], colour[1], colour[2], Math.round(255 * (STATUS_OPACITY[track.status] ?? 1))];
      const i = this.point(track.lon, track.lat, rgba);
      this.points.style(i, SYMBOL_SHAPES[cls], STATUS_CODES[track.status] ?? 1, SYMBOL_SIZE_PX);
    }
    if (selected) {
      const i = this.point(selected.track.lon, selected.track.lat, [255, 255, 255, 255]);
      this.points.style(i, SELECTION_SHAPE, 1, SELECTION_RING_PX);
    }
    this.uploaded = false;
    this.map?.triggerRepaint();
  }

  private line_point(lon: number, lat: number, rgba: Uint8Array | number[]): void {
    this.lines.push(mercator_x(lon) - this.origin_x, mercator_y(lat) - this.origin_y, rgba);
  }

  private point(lon: number, lat: number, rgba: Uint8Array | number[]): number {
    return this.points.push(mercator_x(lon) - this.origin_x, mercator_y(lat) - this.origin_y, rgba);
  }

  onAdd(map: MapLibre, gl: WebGLRenderingContext | WebGL2RenderingContext): void {
    this.map = map;
    this.gl = gl as WebGL2RenderingContext;
    this.line_program = link(this.gl, LINE_VERTEX, LINE_FRAGMENT);
    this.point_program = link(this.gl, POINT_VERTEX, POINT_FRAGMENT);
    this.line_gpu = this.batch(this.line_program.program, false);
    this.point_gpu = this.batch(this.point_program.program, true);
    this.uploaded = false;
  }

  onRemove(): void {
    const gl = this.gl;
    if (!gl) return;
    for (const batch of [this.line_gpu, this.point_gpu]) {
      if (!batch) continue;
      gl.deleteVertexArray(batch.vao);
      for (const buffer of batch.buffers) gl.deleteBuffer(buffer);
    }
    for (const program of [this.line_program, this.point_program]) if (program) gl.deleteProgram(program.program);
    this.gl = null;
    this.map = null;
  }

  render(gl: WebGLRenderingContext | WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    const gl2 = gl as WebGL2RenderingContext;
    if (!this.line_program || !this.point_program || !this.line_gpu || !this.point_gpu) return;
    if (!this.uploaded) {
      upload(gl2, this.line_gpu, this.lines);
      upload(gl2, this.point_gpu, this.points);
      this.uploaded = true;
    }
    // matrix x translate(origin): the origin added in float64 before the product reaches float32.
    const m = options.defaultProjectionData.mainMatrix;
    for (let row = 0; row < 4; row += 1) {
      this.matrix[row] = m[row];
      this.matrix[4 + row] = m[4 + row];
      this.matrix[8 + row] = m[8 + row];
      this.matrix[12 + row] = m[row] * this.origin_x + m[4 + row] * this.origin_y + m[12 + row];
    }
    gl2.disable(gl2.DEPTH_TEST);
    gl2.disable(gl2.STENCIL_TEST);
    gl2.disable(gl2.CULL_FACE);
    gl2.enable(gl2.BLEND);
    gl2.blendFunc(gl2.ONE, gl2.ONE_MINUS_SRC_ALPHA);

    gl2.useProgram(this.line_program.program);
    gl2.uniformMatrix4fv(this.line_program.matrix, false, this.matrix);
    gl2.bindVertexArray(this.line_gpu.vao);
    gl2.drawArrays(gl2.LINES, 0, this.lines.count);

    gl2.useProgram(this.point_program.program);
    gl2.uniformMatrix4fv(this.point_program.matrix, false, this.matrix);
    gl2.uniform1f(this.point_program.pixel_ratio, this.map?.getPixelRatio() ?? 1);
    gl2.bindVertexArray(this.point_gpu.vao);
    gl2.drawArrays(gl2.POINTS, 0, this.points.count);
    gl2.bindVertexArray(null);
  }

  private batch(program: WebGLProgram, with_style: boolean): GpuBatch {
    const gl = this.gl!;
    const vao = gl.createVertexArray()!;
    gl.bindVertexArray(vao);
    const buffers: WebGLBuffer[] = [];
    const attribute = (name: string, size: number, type: number, normalized: boolean) => {
      const buffer = gl.createBuffer()!;
      buffers.push(buffer);
      const location = gl.getAttribLocation(program, name);
      gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
      gl.enableVertexAttribArray(location);
      gl.vertexAttribPointer(location, size, type, normalized, 0, 0);
    };
    attribute('a_position', 2, gl.FLOAT, false);
    attribute('a_colour', 4, gl.UNSIGNED_BYTE, true);
    if (with_style) attribute('a_style', 3, gl.UNSIGNED_BYTE, false);
    gl.bindVertexArray(null);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
    return { vao, buffers };
  }
}

/** Spherical-mercator x in [0, 1] (as MercatorCoordinate), without allocating. */
function mercator_x(lon: number): number {
  return (180 + lon) / 360;
}

/** Spherical-mercator y in [0, 1], north at 0 (as MercatorCoordinate), without allocating. */
function mercator_y(lat: number): number {
  return (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;
}

function upload(gl: WebGL2RenderingContext, gpu: GpuBatch, batch: VertexBatch): void {
  const arrays: ArrayBufferView[] = [batch.positions.subarray(0, 2 * batch.count), batch.colours.subarray(0, 4 * batch.count)];
  if (gpu.buffers.length > 2) arrays.push(batch.styles.subarray(0, 3 * batch.count));
  gpu.buffers.forEach((buffer, k) => {
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, arrays[k], gl.DYNAMIC_DRAW);
  });
  gl.bindBuffer(gl.ARRAY_BUFFER, null);
}

function link(gl: WebGL2RenderingContext, vertex: string, fragment: string): Program {
  const compile = (type: number, source: string) => {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`track layer shader: ${gl.getShaderInfoLog(shader)}`);
    return shader;
  };
  const program = gl.createProgram()!;
  gl.attachShader(program, compile(gl.VERTEX_SHADER, vertex));
  gl.attachShader(program, compile(gl.FRAGMENT_SHADER, fragment));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`track layer program: ${gl.getProgramInfoLog(program)}`);
  return { program, matrix: gl.getUniformLocation(program, 'u_matrix'), pixel_ratio: gl.getUniformLocation(program, 'u_pixel_ratio') };
}
