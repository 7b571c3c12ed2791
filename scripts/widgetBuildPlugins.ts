/**
 * Plugins of the widget builds (vite.config.ts, modes `widget` and `element`): each keeps out of the bundle what a
 * dapp's page never runs, without changing what runs (docs/ARCHITECTURE.md §8).
 */
import { fileURLToPath } from 'node:url'

import type { Plugin } from 'vite'

const at = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

/**
 * viem's OP Stack `chainConfig` also carries the OP Stack transaction serializers, and through them viem's blob and
 * KZG serialization code. Core reads only its formatters and predeploy contracts (chains/registry.ts, and
 * `@eth-optimism/viem`'s predeploy list, which its access-list helper reads); serializers matter only when a local
 * private key signs, which the standalone element never does (the page's wallet signs). In the element build,
 * `viem/op-stack` is this module: viem's own formatters and contracts, without the serializers (~5 KiB gzip,
 * docs/ARCHITECTURE.md §8). A new import from `viem/op-stack` fails that build loudly instead of silently.
 */
export function opStackWithoutSerializers(): Plugin {
  const id = '\0superchain-relay:op-stack'
  const file = (name: string) => JSON.stringify(at(`node_modules/viem/_esm/op-stack/${name}.js`))
  return {
    name: 'superchain-relay:op-stack-without-serializers',
    enforce: 'pre',
    resolveId: (source) => (source === 'viem/op-stack' ? id : null),
    load: (loaded) =>
      loaded === id
        ? `import { contracts } from ${file('contracts')};\nimport { formatters } from ${file('formatters')};\n` +
          'export const chainConfig = { blockTime: 2_000, contracts, formatters };\n'
        : null,
  }
}

/**
 * The shared UI and the widget render their stylesheets from template strings (src/ui/styles.ts, widget/styles.ts),
 * written one readable rule per line; the JS minifier leaves string contents alone. In the widget builds the
 * strings' whitespace is squeezed the way a CSS minifier would: around braces and semicolons, after colons and
 * commas. Never before a colon (`.a :focus-visible` is a descendant selector) and never inside `${…}`.
 */
export function squeezeStyleStrings(): Plugin {
  const styleFile = /[\\/](src[\\/]ui|widget)[\\/]\w*[sS]tyles\.ts$/
  const squeeze = (css: string) =>
    css
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};])\s*/g, '$1')
      .replace(/([:,])\s+/g, '$1')
      .replace(/;}/g, '}')
  return {
    name: 'superchain-relay:squeeze-style-strings',
    enforce: 'pre',
    transform(code, id) {
      if (!styleFile.test(id)) return null
      // Only template literals assigned to a name (`const baseCss = `…``), whose `${…}` hold no nested template or
      // brace: the stylesheets. Backticks in comments never start such a match.
      const out = code.replace(
        /(=\s*)(`[^`]*`)/g,
        (_match, assign: string, literal: string) =>
          assign +
          literal
            .split(/(\$\{[^}]*\})/)
            .map((part, i) => (i % 2 ? part : squeeze(part)))
            .join(''),
      )
      return out === code ? null : { code: out, map: null }
    },
  }
}

/**
 * `parseAbi([...])`, `parseAbiItem('...')` and `parseAbiParameters('...')` called with literal strings are constants.
 * In the element build they are evaluated once, at build time, with viem's own functions, and replaced by the JSON
 * they return: the same ABI objects, without shipping abitype's human-readable ABI parser (~4 KiB gzip) to rebuild
 * them at every page load (viem's own deployless `call` does the same with abitype's, which viem re-exports). A call
 * with anything but literals, or a name not imported from viem or abitype, is left alone.
 */
export function precomputedAbis(): Plugin {
  const PARSERS = ['parseAbi', 'parseAbiItem', 'parseAbiParameters'] as const
  type Node = { type: string; start: number; end: number; [key: string]: unknown }
  const isNode = (value: unknown): value is Node =>
    typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'
  const walk = (node: Node, visit: (node: Node) => void) => {
    visit(node)
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) walk(child, visit)
    }
  }
  // A string literal's value, an array of them, or undefined for anything else.
  const literal = (node: Node): string | string[] | undefined => {
    if (node.type === 'Literal' && typeof node.value === 'string') return node.value
    if (node.type !== 'ArrayExpression') return undefined
    const items = (node.elements as Node[]).map((e) => (e ? literal(e) : undefined))
    return items.every((i) => typeof i === 'string') ? (items as string[]) : undefined
  }
  return {
    name: 'superchain-relay:precomputed-abis',
    async transform(code, id) {
      if (!/\bparseAbi/.test(code) || !/\.[cm]?[jt]sx?$/.test(id)) return null
      const viem = (await import('viem')) as unknown as Record<
        (typeof PARSERS)[number],
        (arg: unknown) => unknown
      >
      const program = this.parse(code) as unknown as Node
      const fromViem = new Map<string, (typeof PARSERS)[number]>()
      walk(program, (node) => {
        const source = node.type === 'ImportDeclaration' && (node.source as { value: string }).value
        if (source !== 'viem' && source !== 'abitype') return
        for (const spec of node.specifiers as { imported?: { name: string }; local: { name: string } }[]) {
          const name = PARSERS.find((p) => p === spec.imported?.name)
          if (name) fromViem.set(spec.local.name, name)
        }
      })
      if (fromViem.size === 0) return null
      const edits: { start: number; end: number; text: string }[] = []
      walk(program, (node) => {
        if (node.type !== 'CallExpression') return
        const callee = node.callee as Node & { name?: string }
        const parser = callee.type === 'Identifier' ? fromViem.get(callee.name!) : undefined
        const args = node.arguments as Node[]
        const value = args.length === 1 ? literal(args[0]!) : undefined
        // Offsets must point at the call itself, or the file is left as it is.
        if (!parser || value === undefined || !code.startsWith(callee.name!, node.start)) return
        edits.push({ start: node.start, end: node.end, text: JSON.stringify(viem[parser](value)) })
      })
      let out = code
      for (const edit of edits.sort((a, b) => b.start - a.start))
        out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
      return edits.length ? { code: out, map: null } : null
    },
  }
}
