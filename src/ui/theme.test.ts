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
