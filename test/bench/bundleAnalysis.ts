/**
 * What a built bundle is made of: its source map attributes every generated character to a source module, so the
 * output can be cut into per-module pieces and each piece gzipped on its own. The sum of the pieces' gzip sizes is
 * more than the bundle's (each piece is compressed without the others' context), but the ranking is what tells
 * where the bytes go. Modules are grouped by package (`viem`, `react-dom`), by folder for our own (`src/core/tracker`, `src/ui`), or by file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

interface SourceMap {
  sources: string[]
  mappings: string
  sourceRoot?: string
}

export interface ModuleSize {
  /** `viem/_esm/utils/abi/encodeAbiParameters.js`, `src/ui/RelayApp.tsx`, or '(unmapped)' for generated glue. */
  module: string
  raw: number
  gzip: number
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]))

/** One source-map segment's fields, VLQ-decoded (relative values, as the format stores them). */
function decodeSegment(segment: string): number[] {
  const values: number[] = []
  let value = 0
  let shift = 0
  for (const char of segment) {
    const digit = DIGIT.get(char)
    if (digit === undefined) throw new Error(`bad source map character '${char}'`)
    value += (digit & 31) << shift
    if (digit & 32) {
      shift += 5
      continue
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1)
    value = 0
    shift = 0
  }
  return values
}

/** The name a source is reported under: the package path inside node_modules, or the repo-relative path. */
export function moduleName(source: string, repoRoot: string): string {
  const inModules = source.lastIndexOf('node_modules/')
  if (inModules >= 0) return source.slice(inModules + 'node_modules/'.length)
  return relative(repoRoot, source)
}

/** Characters of generated code per source (by index into `map.sources`; -1 for unmapped). */
function charsPerSource(code: string, map: SourceMap): Map<number, string[]> {
  const pieces = new Map<number, string[]>()
  const add = (source: number, text: string) => {
    if (!text) return
    const list = pieces.get(source)
    if (list) list.push(text)
    else pieces.set(source, [text])
  }
  const lines = code.split('\n')
  const mappingLines = map.mappings.split(';')
  let sourceIndex = 0
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!
    const segments = (mappingLines[l] ?? '').split(',').filter(Boolean)
    let column = 0
    let current = -1
    let from = 0
    for (const segment of segments) {
      const fields = decodeSegment(segment)
      column += fields[0]!
      add(current, line.slice(from, column))
      from = column
      if (fields.length >= 4) {
        sourceIndex += fields[1]!
        current = sourceIndex
      } else {
        current = -1
      }
      // The source line/column/name fields are relative too, but the attribution only needs the source index.
    }
    add(current, line.slice(from) + '\n')
  }
  return pieces
}

/**
 * Sizes of a bundle's parts, largest gzip first. `group` picks how sources are summed: by package (what to cut
 * first: 'viem', '@eth-optimism/viem') or by file.
 */
export function analyzeBundle(
  file: string,
  options: { repoRoot?: string; group?: 'package' | 'file' } = {},
): ModuleSize[] {
  const mapFile = `${file}.map`
  if (!existsSync(mapFile)) throw new Error(`${file} has no source map (${mapFile})`)
  const repoRoot = options.repoRoot ?? process.cwd()
  const code = readFileSync(file, 'utf8')
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMap
  const base = resolve(dirname(file), map.sourceRoot ?? '')
  const names = map.sources.map((s) => moduleName(resolve(base, s), repoRoot))
  const keyOf = (name: string) => {
    if (options.group !== 'package' || !name.includes('/')) return name
    const parts = name.split('/')
    // Core by its folders (tracker, store, relay…): what a cut would have to remove is a folder's worth of features.
    if (name.startsWith('src/core/') && parts.length > 3) return parts.slice(0, 3).join('/')
    if (name.startsWith('src/') || name.startsWith('widget/') || name.startsWith('extension/'))
      return parts.slice(0, 2).join('/')
    return name.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
  }
  const texts = new Map<string, string[]>()
  for (const [index, pieces] of charsPerSource(code, map)) {
    const key = index < 0 ? '(unmapped)' : keyOf(names[index] ?? '(unknown)')
    texts.set(key, [...(texts.get(key) ?? []), ...pieces])
  }
  return [...texts]
    .map(([module, pieces]) => {
      const bytes = Buffer.from(pieces.join(''))
      return { module, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
    })
    .sort((a, b) => b.gzip - a.gzip)
}

/** The top `n` as one line for a bench note: `viem/…/x.js 4.1, src/ui/styles.ts 2.0, …` (KiB gzip). */
export function topModulesNote(sizes: readonly ModuleSize[], n: number): string {
  return sizes
    .slice(0, n)
    .map((s) => `${s.module} ${(s.gzip / 1024).toFixed(1)}`)
    .join(', ')
}
