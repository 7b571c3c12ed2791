/**
 * The widget's own few rules (its frame and the wallet bar), delivered like the shared UI's: a string rendered in a
 * `<style>` inside the widget's tree, every selector under `.scrw`, no global CSS. The palette is the shared one
 * (src/ui/theme.ts): the same public `--scr-*` inputs resolved into the same private `--_scr-*` variables, so the
 * bar and the message list always agree. The bar paints its own background: on a host page whose colours differ
 * from the widget's theme (a light page, theme="dark") it must not show the page through.
 */
import { DARK_PALETTE, LIGHT_PALETTE, resolvedVariable, SHAPE, type ThemeVariable } from '../src/ui'

function declarations(values: Partial<Record<ThemeVariable, string>>): string {
  return Object.entries(values)
    .map(([name, fallback]) => `${resolvedVariable(name as ThemeVariable)}: var(${name}, ${fallback});`)
    .join(' ')
}

export const WIDGET_CSS = `
.scrw { ${declarations(SHAPE)} }
.scrw.scr-theme-light, .scrw.scr-theme-auto { ${declarations(LIGHT_PALETTE)} }
.scrw.scr-theme-dark { ${declarations(DARK_PALETTE)} }
@media (prefers-color-scheme: dark) { .scrw.scr-theme-auto { ${declarations(DARK_PALETTE)} } }
.scrw { display: flex; flex-direction: column; min-width: 0; overflow: hidden; border: 1px solid var(--_scr-border); border-radius: calc(var(--_scr-radius) * 1.5); background: var(--_scr-bg); color: var(--_scr-fg); font-family: var(--_scr-font); font-size: 13px; line-height: 1.4; text-align: left; }
.scrw *, .scrw *::before, .scrw *::after { box-sizing: border-box; }
.scrw .scrw-wallet { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; padding: 8px 12px; border-bottom: 1px solid var(--_scr-border); background: var(--_scr-bg); color: var(--_scr-fg); font-size: 12px; }
.scrw .scrw-wallet-label { color: var(--_scr-muted); }
.scrw .scrw-wallet-name { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; }
.scrw .scrw-wallet-icon { width: 16px; height: 16px; border-radius: 4px; }
.scrw .scrw-wallet-select { min-width: 0; max-width: 100%; padding: 3px 6px; border: 1px solid var(--_scr-border); border-radius: var(--_scr-radius); background: var(--_scr-bg); color: inherit; font: inherit; }
.scrw .scrw-wallet-account { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace; }
.scrw .scrw-spacer { flex: 1; }
.scrw .scrw-button { padding: 3px 9px; border: 1px solid var(--_scr-accent); border-radius: var(--_scr-radius); background: var(--_scr-accent); color: var(--_scr-bg); font: inherit; font-weight: 600; cursor: pointer; }
.scrw .scrw-button:disabled { opacity: 0.5; cursor: not-allowed; }
.scrw .scrw-warning { flex-basis: 100%; margin: 0; color: var(--_scr-fg); padding: 4px 8px; border-left: 3px solid var(--_scr-warning); background: color-mix(in srgb, var(--_scr-warning) 8%, var(--_scr-bg)); }
.scrw .scrw-error { flex-basis: 100%; margin: 0; color: var(--_scr-danger); overflow-wrap: anywhere; }
.scrw .scrw-invalid { margin: 0; padding: 16px; color: var(--_scr-danger); white-space: pre-wrap; overflow-wrap: anywhere; }
.scrw > .scr-root { flex: 1 1 auto; min-height: 0; }
`
