import { describe, expect, it } from 'vitest'

import { RELAY_APP_CSS } from './styles'
import { DARK_PALETTE, LIGHT_PALETTE, THEME_VARIABLES, themeClassName, themeCss } from './theme'

describe('theme', () => {
  it('reads every public variable with a fallback, so a host can override it', () => {
    const css = themeCss()
    for (const name of THEME_VARIABLES) expect(css).toContain(`var(${name}, `)
    expect(css).toContain(`--_scr-bg: var(--scr-bg, ${LIGHT_PALETTE['--scr-bg']})`)
    expect(css).toContain(`--_scr-bg: var(--scr-bg, ${DARK_PALETTE['--scr-bg']})`)
  })

  it("follows the system in 'auto' and pins the palette otherwise", () => {
    const css = themeCss()
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{ \.scr-root\.scr-theme-auto \{/)
    expect(css).toContain('.scr-root.scr-theme-dark {')
    expect(themeClassName('light')).toBe('scr-theme-light')
  })

  it('scopes every rule under .scr-root (no global CSS)', () => {
    // Walk top-level blocks; inside @media the nested selectors are checked the same way.
    const selectors: string[] = []
    const collect = (css: string) => {
      let depth = 0
      let start = 0
      for (let i = 0; i < css.length; i++) {
        if (css[i] === '{') {
          if (depth === 0) {
            const selector = css.slice(start, i).trim()
            const end = matchingBrace(css, i)
            if (selector.startsWith('@media')) collect(css.slice(i + 1, end))
            else selectors.push(selector)
            i = end
            start = end + 1
            continue
          }
          depth++
        }
      }
    }
    collect(RELAY_APP_CSS)
    expect(selectors.length).toBeGreaterThan(50)
    for (const selector of selectors) {
      if (selector.startsWith('@keyframes scr-')) continue
      for (const part of selector.split(',')) expect(part.trim(), selector).toMatch(/^\.scr-root/)
    }
  })
})

function matchingBrace(css: string, open: number): number {
  let depth = 0
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++
    else if (css[i] === '}' && --depth === 0) return i
  }
  throw new Error('unbalanced CSS')
}

import { contrastRatio, hexToRgb, mix, type Rgb } from '../../test/fixtures/contrast'

/**
 * Every text/background pair the stylesheet paints, per palette, against WCAG AA (4.5:1 for text). The rendered
 * pages are scanned too (test/e2e/contrast.test.ts); this catches a palette edit before any browser runs.
 */
describe.each([
  ['light', LIGHT_PALETTE],
  ['dark', DARK_PALETTE],
] as const)('the %s palette meets WCAG AA', (_name, palette) => {
  const c = (name: keyof typeof palette): Rgb => hexToRgb(palette[name])
  const bg = c('--scr-bg')
  const surfaces: Record<string, Rgb> = {
    page: bg,
    'expanded row': mix(c('--scr-fg'), 3, bg),
    'row hover': mix(c('--scr-fg'), 4, bg),
    'neutral pill': mix(c('--scr-fg'), 8, bg),
    'danger callout': mix(c('--scr-danger'), 6, bg),
    'warning callout': mix(c('--scr-warning'), 8, bg),
    'success callout': mix(c('--scr-success'), 8, bg),
    'success pill': mix(c('--scr-success'), 12, bg),
    'details text': mix(c('--scr-fg'), 6, bg),
  }
  const texts: [string, Rgb, string[]][] = [
    ['text', c('--scr-fg'), Object.keys(surfaces)],
    ['secondary text', c('--scr-muted'), Object.keys(surfaces)],
    [
      'links',
      c('--scr-accent'),
      ['page', 'expanded row', 'danger callout', 'warning callout', 'success callout'],
    ],
    ['errors', c('--scr-danger'), ['page', 'expanded row', 'danger callout']],
    ['success', c('--scr-success'), ['page', 'expanded row', 'success callout', 'success pill']],
    ['stale notes', c('--scr-warning'), ['page', 'row hover']],
  ]
  for (const [what, colour, on] of texts) {
    it.each(on)(`${what} on the %s`, (surface) => {
      expect(contrastRatio(colour, surfaces[surface]!)).toBeGreaterThanOrEqual(4.5)
    })
  }
  it.each([
    ['a primary button', '--scr-accent'],
    ['the amber "Needs relay" pill', '--scr-warning'],
    ['the red "Relay failed" pill', '--scr-danger'],
  ] as const)('background-coloured text on %s', (_what, fill) => {
    expect(contrastRatio(bg, c(fill))).toBeGreaterThanOrEqual(4.5)
  })
})
