/**
 * The whole stylesheet of the shared UI, as a string that `RelayApp` renders in a `<style>` inside its own tree.
 * No global CSS: the popup, the options page and a dapp page all get the same look, and inside a widget's shadow
 * root the rules stay inside it. Every selector starts with `.scr-root`, so in a light DOM host the rules touch
 * nothing of the page (and the page's own element rules are reset where they would leak in: buttons, inputs).
 *
 * Colours come only from the resolved theme variables (theme.ts), in pairs the contrast test checks (theme.test.ts
 * for the palette, test/e2e/contrast.test.ts for what is rendered). Sizes are in px so the widget does not grow
 * with the host page's root font size; nothing has a fixed width, so everything works from 320 px up.
 *
 * Text on a solid colour (a primary button, an amber "Needs relay" pill) uses the background colour: white on the
 * light theme's dark tones, near-black on the dark theme's light ones, so contrast holds either way.
 */
import { HISTORY_CSS } from './historyStyles'
import { themeCss } from './theme'

/** Height of a collapsed message row; MessageList positions rows with it, so the CSS must not change it. */
export const ROW_HEIGHT = 72

const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace"

const baseCss = `
.scr-root { position: relative; display: flex; flex-direction: column; height: var(--scr-height, 560px); min-width: 0; overflow: hidden; background: var(--_scr-bg); color: var(--_scr-fg); font-family: var(--_scr-font); font-size: 13px; line-height: 1.4; text-align: left; -webkit-font-smoothing: antialiased; }
.scr-root *, .scr-root *::before, .scr-root *::after { box-sizing: border-box; }
.scr-root button, .scr-root input, .scr-root select { font: inherit; color: inherit; letter-spacing: inherit; }
.scr-root a { color: var(--_scr-accent); text-decoration: underline; text-underline-offset: 2px; }
.scr-root :focus-visible { outline: 2px solid var(--_scr-accent); outline-offset: 1px; }
.scr-root .scr-mono { font-family: ${MONO}; font-size: 12px; }
.scr-root .scr-muted { color: var(--_scr-muted); }
.scr-root .scr-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.scr-root .scr-header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; padding: 10px 12px 0; min-width: 0; }
.scr-root .scr-title { flex: 1 1 auto; min-width: 0; margin: 0; font-size: 14px; font-weight: 600; overflow-wrap: anywhere; }
.scr-root .scr-as-of { flex: none; color: var(--_scr-muted); font-size: 12px; animation: scr-as-of-in 0.2s ease-out 0.4s both; }
@keyframes scr-as-of-in { from { opacity: 0; } }
.scr-root .scr-tabs { display: flex; gap: 4px; padding: 6px 12px 0; overflow-x: auto; border-bottom: 1px solid var(--_scr-border); scrollbar-width: none; }
.scr-root .scr-tab { flex: none; margin-bottom: -1px; padding: 6px 8px; border: 0; border-bottom: 2px solid transparent; background: none; color: var(--_scr-muted); font-weight: 500; cursor: pointer; }
.scr-root .scr-tab[aria-selected='true'] { color: var(--_scr-fg); border-bottom-color: var(--_scr-accent); }
.scr-root .scr-count { margin-left: 5px; padding: 0 6px; border-radius: 999px; font-size: 11px; background: color-mix(in srgb, var(--_scr-fg) 8%, var(--_scr-bg)); }

.scr-root .scr-button { display: inline-flex; flex: none; align-items: center; justify-content: center; gap: 4px; padding: 5px 10px; border: 1px solid var(--_scr-border); border-radius: var(--_scr-radius); background: var(--_scr-bg); font-weight: 500; white-space: nowrap; cursor: pointer; }
.scr-root .scr-button:hover:not(:disabled) { background: color-mix(in srgb, var(--_scr-fg) 6%, var(--_scr-bg)); }
.scr-root .scr-button:disabled { opacity: 0.55; cursor: not-allowed; }
.scr-root .scr-button-primary { border-color: var(--_scr-accent); background: var(--_scr-accent); color: var(--_scr-bg); font-weight: 600; }
.scr-root .scr-button-primary:hover:not(:disabled) { background: color-mix(in srgb, var(--_scr-accent) 85%, var(--_scr-fg)); }
.scr-root .scr-button-danger { border-color: var(--_scr-danger); color: var(--_scr-danger); }
.scr-root .scr-button-small { padding: 3px 9px; font-size: 12px; }
.scr-root .scr-close { flex: none; padding: 0 6px; border: 0; background: none; color: var(--_scr-muted); font-size: 18px; line-height: 1; cursor: pointer; }
`

const listCss = `
.scr-root .scr-panel { display: flex; flex: 1; flex-direction: column; min-height: 0; }
.scr-root .scr-list { position: relative; flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; }
.scr-root .scr-list-inner { position: relative; width: 100%; }
.scr-root .scr-row { position: absolute; left: 0; right: 0; overflow: hidden; border-bottom: 1px solid var(--_scr-border); }
.scr-root .scr-row-expanded { overflow: visible; background: color-mix(in srgb, var(--_scr-fg) 3%, var(--_scr-bg)); }
.scr-root .scr-row-main { display: flex; align-items: stretch; height: ${ROW_HEIGHT - 1}px; }
.scr-root .scr-row-summary { display: flex; flex: 1; flex-direction: column; justify-content: center; gap: 1px; min-width: 0; padding: 8px 8px 8px 12px; border: 0; background: none; text-align: left; cursor: pointer; }
.scr-root .scr-row-summary:hover { background: color-mix(in srgb, var(--_scr-fg) 4%, var(--_scr-bg)); }
.scr-root .scr-row-line { display: flex; align-items: center; gap: 8px; min-width: 0; }
.scr-root .scr-row-intent { flex: 1; min-width: 0; overflow: hidden; font-weight: 600; text-overflow: ellipsis; white-space: nowrap; }
.scr-root .scr-row-route, .scr-root .scr-row-note { overflow: hidden; color: var(--_scr-muted); font-size: 12px; text-overflow: ellipsis; white-space: nowrap; }
.scr-root .scr-row-note[data-tone='action'] { color: var(--_scr-fg); font-weight: 500; }
.scr-root .scr-row-note[data-tone='danger'] { color: var(--_scr-danger); }
.scr-root .scr-row-note[data-tone='success'] { color: var(--_scr-success); }
.scr-root .scr-row-note[data-tone='stale'] { color: var(--_scr-warning); font-weight: 500; }
.scr-root .scr-row-action { display: flex; flex: none; align-items: center; padding: 0 12px 0 4px; }

.scr-root .scr-badge { flex: none; padding: 1px 7px; border: 1px solid transparent; border-radius: 999px; font-size: 11px; font-weight: 600; white-space: nowrap; }
.scr-root .scr-tone-action { background: var(--_scr-warning); color: var(--_scr-bg); }
.scr-root .scr-tone-danger { background: var(--_scr-danger); color: var(--_scr-bg); }
.scr-root .scr-tone-success { background: color-mix(in srgb, var(--_scr-success) 12%, var(--_scr-bg)); color: var(--_scr-success); }
.scr-root .scr-tone-progress { background: color-mix(in srgb, var(--_scr-fg) 8%, var(--_scr-bg)); color: var(--_scr-fg); }
.scr-root .scr-badge-stale { border-style: dashed; border-color: var(--_scr-warning); }

.scr-root .scr-timeline { margin: 0; padding: 4px 12px 10px 14px; list-style: none; }
.scr-root .scr-step { position: relative; padding: 0 0 10px 22px; }
.scr-root .scr-step::before { content: ''; position: absolute; top: 4px; left: 0; width: 12px; height: 12px; border: 2px solid var(--_scr-border); border-radius: 50%; background: var(--_scr-bg); }
.scr-root .scr-step::after { content: ''; position: absolute; top: 18px; bottom: 2px; left: 5px; border-left: 2px solid var(--_scr-border); }
.scr-root .scr-step:last-child { padding-bottom: 0; }
.scr-root .scr-step:last-child::after { display: none; }
.scr-root .scr-step-label { font-weight: 600; }
.scr-root .scr-step-detail { color: var(--_scr-muted); font-size: 12px; overflow-wrap: anywhere; }
.scr-root .scr-step-done::before { border-color: var(--_scr-success); background: var(--_scr-success); }
.scr-root .scr-step-done::after { border-color: var(--_scr-success); }
.scr-root .scr-step-current::before { border-color: var(--_scr-accent); background: var(--_scr-bg); box-shadow: inset 0 0 0 2px var(--_scr-accent); }
.scr-root .scr-step-problem::before { border-color: var(--_scr-danger); background: var(--_scr-danger); }
.scr-root .scr-step-problem .scr-step-label, .scr-root .scr-step-problem .scr-step-detail { color: var(--_scr-danger); }
.scr-root .scr-step-problem:not([data-tone='danger'])::before { border-color: var(--_scr-warning); background: var(--_scr-warning); }
.scr-root .scr-step-problem:not([data-tone='danger']) .scr-step-label { color: var(--_scr-fg); }
.scr-root .scr-step-problem:not([data-tone='danger']) .scr-step-detail { color: var(--_scr-muted); }
.scr-root .scr-step-note { color: var(--_scr-fg); }
.scr-root .scr-step-upcoming .scr-step-label { color: var(--_scr-muted); font-weight: 500; }
.scr-root .scr-safety { display: inline-block; margin-left: 6px; color: var(--_scr-muted); font-size: 11px; }
.scr-root .scr-safety::before { content: '· '; }
.scr-root .scr-safety[data-safety='finalized'] { color: var(--_scr-success); }
.scr-root .scr-hash { display: inline-flex; align-items: center; gap: 2px; max-width: 100%; vertical-align: bottom; }
.scr-root .scr-copy-icon { position: relative; display: inline-flex; flex: none; align-items: center; padding: 2px 3px; border: 0; border-radius: 4px; background: none; color: var(--_scr-muted); cursor: pointer; }
.scr-root .scr-copy-icon:hover { color: var(--_scr-fg); background: color-mix(in srgb, var(--_scr-fg) 8%, var(--_scr-bg)); }
.scr-root .scr-copy-flash { margin-left: 3px; color: var(--_scr-success); font-size: 11px; }
`

const formCss = `
.scr-root .scr-track { display: flex; flex-direction: column; gap: 6px; padding: 10px 12px; border-bottom: 1px solid var(--_scr-border); }
.scr-root .scr-track-fields { display: flex; gap: 6px; min-width: 0; }
.scr-root .scr-input, .scr-root .scr-select { min-width: 0; padding: 5px 8px; border: 1px solid var(--_scr-border); border-radius: var(--_scr-radius); background: var(--_scr-bg); }
.scr-root .scr-input { flex: 1; font-family: ${MONO}; font-size: 12px; }
.scr-root .scr-input[aria-invalid='true'] { border-color: var(--_scr-danger); }
.scr-root .scr-field-error { margin: 0; color: var(--_scr-danger); font-size: 12px; overflow-wrap: anywhere; }
.scr-root .scr-field-note { margin: 0; color: var(--_scr-fg); font-size: 12px; }

.scr-root .scr-state { display: flex; flex: 1; flex-direction: column; align-items: center; justify-content: center; gap: 8px; padding: 24px; color: var(--_scr-muted); text-align: center; }
.scr-root .scr-state p { max-width: 300px; margin: 0; }
.scr-root .scr-state .scr-button { color: var(--_scr-fg); }
.scr-root .scr-state .scr-state-title { color: var(--_scr-fg); font-size: 14px; font-weight: 600; }
.scr-root .scr-spinner { flex: none; width: 18px; height: 18px; border: 2px solid var(--_scr-border); border-top-color: var(--_scr-accent); border-radius: 50%; animation: scr-spin 0.8s linear infinite; }
.scr-root .scr-notice { display: flex; align-items: flex-start; gap: 4px; margin: 8px 12px 0; }
.scr-root .scr-notice > .scr-callout { flex: 1; min-width: 0; }
.scr-root .scr-health { display: flex; flex-direction: column; gap: 4px; margin: 8px 12px 0; padding: 6px 8px; border: 1px solid var(--_scr-warning); border-radius: var(--_scr-radius); background: color-mix(in srgb, var(--_scr-warning) 8%, var(--_scr-bg)); font-size: 12px; }
.scr-root .scr-health-text { margin: 0; overflow-wrap: anywhere; }
`

const dialogCss = `
.scr-root .scr-dialog-backdrop { position: absolute; inset: 0; z-index: 10; display: flex; align-items: center; justify-content: center; padding: 8px; background: color-mix(in srgb, #000000 45%, transparent); }
.scr-root .scr-dialog { display: flex; flex-direction: column; gap: 10px; width: 100%; max-width: 440px; max-height: 100%; overflow: auto; padding: 14px; border: 1px solid var(--_scr-border); border-radius: calc(var(--_scr-radius) * 1.5); background: var(--_scr-bg); box-shadow: 0 12px 32px rgba(0, 0, 0, 0.25); }
.scr-root .scr-dialog:focus { outline: none; }
.scr-root .scr-dialog-header { display: flex; align-items: center; gap: 8px; }
.scr-root .scr-dialog-title { flex: 1; margin: 0; font-size: 15px; font-weight: 600; }
.scr-root .scr-dialog-summary { margin: 0; color: var(--_scr-muted); overflow-wrap: anywhere; }
.scr-root .scr-busy { display: flex; align-items: center; gap: 10px; color: var(--_scr-muted); }
.scr-root .scr-busy p { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.scr-root .scr-facts { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 6px 12px; margin: 0; }
.scr-root .scr-facts dt { color: var(--_scr-muted); }
.scr-root .scr-facts dd { min-width: 0; margin: 0; overflow-wrap: anywhere; }
.scr-root .scr-signers { display: flex; flex-direction: column; gap: 4px; margin: 0; padding: 0; border: 0; }
.scr-root .scr-signers legend { margin-bottom: 2px; padding: 0; color: var(--_scr-muted); }
.scr-root .scr-signer { display: flex; align-items: center; gap: 6px; cursor: pointer; }
.scr-root .scr-callout { display: flex; flex-direction: column; gap: 6px; margin: 0; padding: 8px 10px; border: 1px solid var(--_scr-border); border-radius: var(--_scr-radius); font-size: 12px; overflow-wrap: anywhere; }
.scr-root .scr-callout-text { margin: 0; }
.scr-root .scr-unreadable { list-style: none; margin: 0 0 8px; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.scr-root .scr-callout-danger { border-color: var(--_scr-danger); background: color-mix(in srgb, var(--_scr-danger) 6%, var(--_scr-bg)); }
.scr-root .scr-callout-warning { border-color: var(--_scr-warning); background: color-mix(in srgb, var(--_scr-warning) 8%, var(--_scr-bg)); }
.scr-root .scr-callout-ok { border-color: var(--_scr-success); background: color-mix(in srgb, var(--_scr-success) 8%, var(--_scr-bg)); }
.scr-root .scr-delivered strong { color: var(--_scr-success); }
.scr-root .scr-details summary { width: fit-content; color: var(--_scr-muted); cursor: pointer; }
.scr-root .scr-details-text { max-height: 160px; margin: 4px 0 0; padding: 6px 8px; overflow: auto; border-radius: 4px; background: color-mix(in srgb, var(--_scr-fg) 6%, var(--_scr-bg)); font-family: ${MONO}; font-size: 11px; white-space: pre-wrap; overflow-wrap: anywhere; }
.scr-root .scr-elsewhere { display: flex; flex-direction: column; gap: 6px; }
.scr-root .scr-elsewhere-actions { display: flex; flex-wrap: wrap; gap: 6px; }
.scr-root .scr-elsewhere-steps { margin: 0; padding-left: 18px; }
.scr-root .scr-commands { white-space: pre; overflow-wrap: normal; }
.scr-root .scr-progress { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 0; padding: 0; color: var(--_scr-muted); font-size: 12px; list-style: none; }
.scr-root .scr-progress [aria-current='step'] { color: var(--_scr-fg); font-weight: 600; }
.scr-root .scr-progress .scr-progress-done { color: var(--_scr-success); }
.scr-root .scr-dialog-actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 8px; }

@keyframes scr-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .scr-root .scr-spinner { animation: none; } }
`

/** Theme variables first, so component rules read resolved values. Built once: it never changes at run time. */
export const RELAY_APP_CSS: string = `${themeCss()}\n${baseCss}\n${listCss}\n${formCss}\n${dialogCss}\n${HISTORY_CSS}`
