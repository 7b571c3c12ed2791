/**
 * Themes as CSS custom properties. The public variables (`--scr-bg`, `--scr-accent`, …) are *inputs*: we never set
 * them, we read them with a fallback into private `--_scr-*` variables that the component styles use. Custom
 * properties inherit through a shadow root, so a host can restyle the widget by setting `--scr-accent` on the
 * element that hosts it (or on any ancestor), with no selector that has to reach inside and no specificity fight.
 *
 * 'auto' follows `prefers-color-scheme`; 'light' and 'dark' pin the palette whatever the system says.
 */
export type ThemeName = 'light' | 'dark' | 'auto'

/** The variables a host may set. The first eight are the documented contract; success/warning refine statuses. */
export const THEME_VARIABLES = [
  '--scr-bg',
  '--scr-fg',
  '--scr-accent',
  '--scr-danger',
  '--scr-muted',
  '--scr-border',
  '--scr-font',
  '--scr-radius',
  '--scr-success',
  '--scr-warning',
] as const

export type ThemeVariable = (typeof THEME_VARIABLES)[number]

type ColourVariable = Exclude<ThemeVariable, '--scr-font' | '--scr-radius'>
type ShapeVariable = Extract<ThemeVariable, '--scr-font' | '--scr-radius'>

export const LIGHT_PALETTE: Record<ColourVariable, string> = {
  '--scr-bg': '#ffffff',
  '--scr-fg': '#16181d',
  '--scr-accent': '#2f5bea',
  '--scr-danger': '#c4231a',
  '--scr-muted': '#5b6474',
  '--scr-border': '#e4e7ec',
  '--scr-success': '#087443',
  '--scr-warning': '#b54708',
}

export const DARK_PALETTE: Record<ColourVariable, string> = {
  '--scr-bg': '#16181d',
  '--scr-fg': '#e9ebef',
  '--scr-accent': '#7393ff',
  '--scr-danger': '#ff6b5e',
  '--scr-muted': '#98a2b3',
  '--scr-border': '#2e333d',
  '--scr-success': '#3ccb7f',
  '--scr-warning': '#f3a23c',
}

export const SHAPE: Record<ShapeVariable, string> = {
  '--scr-font': "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  '--scr-radius': '8px',
}

/** `--scr-bg` → `--_scr-bg`: the resolved value the component styles read. */
export function resolvedVariable(name: ThemeVariable): string {
  return `--_${name.slice(2)}`
}

/** The class that selects a theme on the root element (next to `scr-root`). */
export function themeClassName(theme: ThemeName): string {
  return `scr-theme-${theme}`
}

function declarations(values: Partial<Record<ThemeVariable, string>>): string {
  return Object.entries(values)
    .map(([name, fallback]) => `${resolvedVariable(name as ThemeVariable)}: var(${name}, ${fallback});`)
    .join(' ')
}

/** The theme part of the stylesheet: every rule scoped under `.scr-root`. */
export function themeCss(): string {
  const light = declarations(LIGHT_PALETTE)
  const dark = declarations(DARK_PALETTE)
  return [
    `.scr-root { ${declarations(SHAPE)} }`,
    `.scr-root.scr-theme-light, .scr-root.scr-theme-auto { ${light} color-scheme: light; }`,
    `.scr-root.scr-theme-dark { ${dark} color-scheme: dark; }`,
    `@media (prefers-color-scheme: dark) { .scr-root.scr-theme-auto { ${dark} color-scheme: dark; } }`,
  ].join('\n')
}
