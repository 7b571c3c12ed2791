/**
 * The page around the shared UI follows the same theme: the popup's margins and footer, and the whole options page.
 * Colours come from src/ui's palettes so both pages match the message list exactly.
 */
import { DARK_PALETTE, LIGHT_PALETTE, SHAPE } from '../../src/ui'
import type { ExtensionSettings } from '../messaging/protocol'

function vars(palette: Record<string, string>): string {
  return Object.entries(palette)
    .map(([name, value]) => `${name.replace('--scr-', '--page-')}: ${value};`)
    .join(' ')
}

/** Page-level CSS variables (`--page-bg`, `--page-fg`, …) for the chosen theme. */
export function pageThemeCss(): string {
  const light = vars(LIGHT_PALETTE)
  const dark = vars(DARK_PALETTE)
  return [
    `:root { ${vars(SHAPE)} }`,
    `:root[data-theme='light'], :root[data-theme='auto'] { ${light} color-scheme: light; }`,
    `:root[data-theme='dark'] { ${dark} color-scheme: dark; }`,
    `@media (prefers-color-scheme: dark) { :root[data-theme='auto'] { ${dark} color-scheme: dark; } }`,
    `html, body { margin: 0; background: var(--page-bg); color: var(--page-fg); font-family: var(--page-font); }`,
  ].join('\n')
}

export function applyTheme(theme: ExtensionSettings['theme']): void {
  document.documentElement.dataset.theme = theme
}
