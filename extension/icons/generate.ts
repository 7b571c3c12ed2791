/**
 * Draws the extension's icons (16, 32, 48, 128 px PNG) into public/icons/. Run once with
 * `npx tsx extension/icons/generate.ts` after changing the design; the PNGs are committed so a build needs no
 * image tooling. The design is geometry, not a bitmap, so every size is drawn sharp rather than scaled down:
 * a rounded square in the UI's accent blue, two chain dots and the arc a message travels between them.
 */
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZES = [16, 32, 48, 128]
const ACCENT = [0x2f, 0x5b, 0xea] as const
const WHITE = [0xff, 0xff, 0xff] as const
/** Samples per pixel side: 4×4 gives smooth edges even at 16 px. */
const SUPERSAMPLE = 4

type Rgb = readonly [number, number, number]

/** Signed distance (in unit-square coordinates) to a rounded square inset by `pad` with corner radius `r`. */
function roundedSquare(x: number, y: number, pad: number, r: number): number {
  const half = 0.5 - pad
  const qx = Math.abs(x - 0.5) - (half - r)
  const qy = Math.abs(y - 0.5) - (half - r)
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}

function circle(x: number, y: number, cx: number, cy: number, r: number): number {
  return Math.hypot(x - cx, y - cy) - r
}

/** The upper half of a ring: the message's path from one chain to the other. */
function arc(x: number, y: number, cx: number, cy: number, r: number, width: number): number {
  const ring = Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2
  return y <= cy ? ring : Math.hypot(Math.abs(x - cx) - r, y - cy) - width / 2
}

/** The colour of one sample, or undefined for transparent. */
function sample(x: number, y: number, size: number): Rgb | undefined {
  // Small icons get relatively thicker strokes so the arc does not vanish.
  const stroke = size <= 16 ? 0.13 : size <= 32 ? 0.11 : 0.09
  if (roundedSquare(x, y, 0.02, 0.2) > 0) return undefined
  const dot = Math.min(circle(x, y, 0.27, 0.64, 0.1), circle(x, y, 0.73, 0.64, 0.1))
  if (dot <= 0 || arc(x, y, 0.5, 0.64, 0.23, stroke) <= 0) return WHITE
  return ACCENT
}

function render(size: number): Buffer {
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = sample(
            (px + (sx + 0.5) / SUPERSAMPLE) / size,
            (py + (sy + 0.5) / SUPERSAMPLE) / size,
            size,
          )
          if (!colour) continue
          r += colour[0]
          g += colour[1]
          b += colour[2]
          a += 1
        }
      }
      const i = (py * size + px) * 4
      // Average colour over the covered samples (un-premultiplied), coverage as alpha.
      rgba[i] = a ? Math.round(r / a) : 0
      rgba[i + 1] = a ? Math.round(g / a) : 0
      rgba[i + 2] = a ? Math.round(b / a) : 0
      rgba[i + 3] = Math.round((a / SUPERSAMPLE ** 2) * 255)
    }
  }
  return encodePng(size, size, rgba)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A minimal RGBA PNG: one IDAT, filter type 0 on every row. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++)
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

for (const size of SIZES) {
  writeFileSync(new URL(`../../public/icons/icon-${size}.png`, import.meta.url), render(size))
}
