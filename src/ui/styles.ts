/**
 * The whole stylesheet of the shared UI, as a string that `RelayApp` renders in a `<style>` inside its own tree.
 * No global CSS: the popup, the options page and a dapp page all get the same look, and inside a widget's shadow
 * root the rules stay inside it. Every selector starts with `.scr-root`, so in a light DOM host the rules touch
 * nothing of the page (and the page's own element rules are reset where they would leak in: buttons, inputs).
 *
 * Colours come only from the resolved theme variables (theme.ts). Sizes are in px because the popup is a fixed
 * ~380px box and the widget should not grow with the host page's root font size.
 */
import { themeCss } from './theme'

/*
 * Text on accent-coloured buttons uses the background colour: white on the light theme's dark accent, near-black
 * on the dark theme's light accent, so contrast holds either way.
 */

/** Height of a collapsed message row; MessageList positions rows with it, so the CSS must not change it. */
export const ROW_HEIGHT = 72

const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace"

const componentCss = `
.scr-root { position: relative; display: flex; flex-direction: column; height: var(--scr-height, 560px); min-width: 0; overflow: hidden; background: var(--_scr-bg); color: var(--_scr-fg); font-family: var(--_scr-font); font-size: 13px; line-height: 1.4; text-align: left; -webkit-font-smoothing: antialiased; }
.scr-root *, .scr-root *::before, .scr-root *::after { box-sizing: border-box; }
.scr-root button, .scr-root input, .scr-root select { font: inherit; color: inherit; letter-spacing: inherit; }
.scr-root a { color: var(--_scr-accent); text-decoration: none; }
.scr-root a:hover { text-decoration: underline; }
.scr-root :focus-visible { outline: 2px solid var(--_scr-accent); outline-offset: 1px; }
.scr-root .scr-mono { font-family: ${MONO}; font-size: 12px; }
.scr-root .scr-muted { color: var(--_scr-muted); }
.scr-root .scr-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.scr-root .scr-header { display: flex; align-items: center; gap: 8px; padding: 10px 12px 0; }
.scr-root .scr-title { flex: 1; margin: 0; font-size: 14px; font-weight: 600; }
.scr-root .scr-tabs { display: flex; gap: 4px; padding: 6px 12px 0; border-bottom: 1px solid var(--_scr-border); }
.scr-root .scr-tab { margin-bottom: -1px; padding: 6px 8px; border: 0; border-bottom: 2px solid transparent; background: none; color: var(--_scr-muted); font-weight: 500; cursor: pointer; }
.scr-root .scr-tab[aria-selected='true'] { color: var(--_scr-fg); border-bottom-color: var(--_scr-accent); }
.scr-root .scr-count { margin-left: 5px; padding: 0 6px; border-radius: 999px; font-size: 11px; background: color-mix(in srgb, var(--_scr-fg) 8%, transparent); }

.scr-root .scr-button { display: inline-flex; align-items: center; justify-content: center; gap: 4px; padding: 5px 10px; border: 1px solid var(--_scr-border); border-radius: var(--_scr-radius); background: transparent; font-weight: 500; white-space: nowrap; cursor: pointer; }
.scr-root .scr-button:hover:not(:disabled) { background: color-mix(in srgb, var(--_scr-fg) 6%, transparent); }
.scr-root .scr-button:disabled { opacity: 0.5; cursor: not-allowed; }
.scr-root .scr-button-primary { border-color: var(--_scr-accent); background: var(--_scr-accent); color: var(--_scr-bg); font-weight: 600; }
.scr-root .scr-button-primary:hover:not(:disabled) { background: color-mix(in srgb, var(--_scr-accent) 85%, #000000); }
.scr-root .scr-button-danger { border-color: color-mix(in srgb, var(--_scr-danger) 50%, transparent); color: var(--_scr-danger); }
.scr-root .scr-button-small { padding: 3px 9px; font-size: 12px; }

.scr-root .scr-panel { display: flex; flex: 1; flex-direction: column; min-height: 0; }
.scr-root .scr-list { position: relative; flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; }
.scr-root .scr-list-inner { position: relative; width: 100%; }
.scr-root .scr-row { position: absolute; left: 0; right: 0; overflow: hidden; border-bottom: 1px solid var(--_scr-border); }
.scr-root .scr-row-expanded { overflow: visible; background: color-mix(in srgb, var(--_scr-fg) 3%, var(--_scr-bg)); }
.scr-root .scr-row-main { display: flex; align-items: stretch; height: ${ROW_HEIGHT - 1}px; }
.scr-root .scr-row-summary { display: flex; flex: 1; flex-direction: column; justify-content: center; gap: 1px; min-width: 0; padding: 8px 8px 8px 12px; border: 0; background: none; text-align: left; cursor: pointer; }
.scr-root .scr-row-summary:hover { background: color-mix(in srgb, var(--_scr-fg) 4%, transparent); }
.scr-root .scr-row-line { display: flex; align-items: center; gap: 8px; min-width: 0; }
.scr-root .scr-row-intent { flex: 1; min-width: 0; overflow: hidden; font-weight: 600; text-overflow: ellipsis; white-space: nowrap; }
.scr-root .scr-row-route, .scr-root .scr-row-note { overflow: hidden; color: var(--_scr-muted); font-size: 12px; text-overflow: ellipsis; white-space: nowrap; }
.scr-root .scr-row-note[data-tone='danger'] { color: var(--_scr-danger); }
.scr-root .scr-row-note[data-tone='warning'] { color: var(--_scr-warning); }
.scr-root .scr-row-note[data-tone='accent'] { color: var(--_scr-accent); }
.scr-root .scr-row-action { display: flex; flex: none; align-items: center; padding: 0 12px 0 4px; }

.scr-root .scr-badge { --_scr-tone: var(--_scr-muted); flex: none; padding: 1px 7px; border-radius: 999px; background: color-mix(in srgb, var(--_scr-tone) 14%, transparent); color: var(--_scr-tone); font-size: 11px; font-weight: 600; }
.scr-root .scr-tone-accent { --_scr-tone: var(--_scr-accent); }
.scr-root .scr-tone-danger { --_scr-tone: var(--_scr-danger); }
.scr-root .scr-tone-warning { --_scr-tone: var(--_scr-warning); }
.scr-root .scr-tone-success { --_scr-tone: var(--_scr-success); }
.scr-root .scr-tone-progress { --_scr-tone: var(--_scr-fg); }
.scr-root .scr-tone-muted { --_scr-tone: var(--_scr-muted); }

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
.scr-root .scr-step-current::before { border-color: var(--_scr-accent); background: var(--_scr-accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--_scr-accent) 25%, transparent); }
.scr-root .scr-step-current .scr-step-label { color: var(--_scr-accent); }
.scr-root .scr-step-problem::before { border-color: var(--_scr-danger); background: var(--_scr-danger); box-shadow: 0 0 0 3px color-mix(in srgb, var(--_scr-danger) 25%, transparent); }
.scr-root .scr-step-problem .scr-step-label, .scr-root .scr-step-problem .scr-step-detail { color: var(--_scr-danger); }
.scr-root .scr-step-upcoming .scr-step-label { color: var(--_scr-muted); font-weight: 500; }
.scr-root .scr-safety { display: inline-block; margin-left: 4px; padding: 0 6px; border-radius: 999px; font-size: 11px; background: color-mix(in srgb, var(--_scr-fg) 8%, transparent); color: var(--_scr-fg); }
.scr-root .scr-safety[data-safety='finalized'] { background: color-mix(in srgb, var(--_scr-success) 16%, transparent); color: var(--_scr-success); }
.scr-root .scr-safety[data-safety='unsafe'] { background: color-mix(in srgb, var(--_scr-warning) 16%, transparent); color: var(--_scr-warning); }

.scr-root .scr-track { display: flex; flex-direction: column; gap: 6px; padding: 10px 12px; border-bottom: 1px solid var(--_scr-border); }
.scr-root .scr-track-fields { display: flex; gap: 6px; }
.scr-root .scr-input, .scr-root .scr-select { min-width: 0; padding: 5px 8px; border: 1px solid var(--_scr-border); border-radius: var(--_scr-radius); background: var(--_scr-bg); }
.scr-root .scr-select { flex: none; max-width: 40%; }
.scr-root .scr-input { flex: 1; font-family: ${MONO}; font-size: 12px; }
.scr-root .scr-input[aria-invalid='true'] { border-color: var(--_scr-danger); }
.scr-root .scr-field-error { margin: 0; color: var(--_scr-danger); font-size: 12px; overflow-wrap: anywhere; }
.scr-root .scr-field-note { margin: 0; color: var(--_scr-muted); font-size: 12px; }

.scr-root .scr-state { display: flex; flex: 1; flex-direction: column; align-items: center; justify-content: center; gap: 8px; padding: 24px; color: var(--_scr-muted); text-align: center; }
.scr-root .scr-state p { max-width: 300px; margin: 0; }
.scr-root .scr-state .scr-button { color: var(--_scr-fg); }
.scr-root .scr-state .scr-state-title { color: var(--_scr-fg); font-size: 14px; font-weight: 600; }
.scr-root .scr-error-text { color: var(--_scr-danger); font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.scr-root .scr-spinner { width: 18px; height: 18px; border: 2px solid var(--_scr-border); border-top-color: var(--_scr-accent); border-radius: 50%; animation: scr-spin 0.8s linear infinite; }
.scr-root .scr-notice { display: flex; align-items: flex-start; gap: 8px; margin: 8px 12px 0; padding: 6px 8px; border: 1px solid color-mix(in srgb, var(--_scr-warning) 40%, transparent); border-radius: var(--_scr-radius); background: color-mix(in srgb, var(--_scr-warning) 8%, transparent); font-size: 12px; }
.scr-root .scr-notice-text { flex: 1; min-width: 0; overflow-wrap: anywhere; }

.scr-root .scr-dialog-backdrop { position: absolute; inset: 0; z-index: 10; display: flex; align-items: center; justify-content: center; padding: 12px; background: color-mix(in srgb, #000000 45%, transparent); }
.scr-root .scr-dialog { display: flex; flex-direction: column; gap: 10px; width: 100%; max-width: 440px; max-height: 100%; overflow: auto; padding: 14px; border: 1px solid var(--_scr-border); border-radius: calc(var(--_scr-radius) * 1.5); background: var(--_scr-bg); box-shadow: 0 12px 32px rgba(0, 0, 0, 0.25); }
.scr-root .scr-dialog:focus { outline: none; }
.scr-root .scr-dialog-header { display: flex; align-items: center; gap: 8px; }
.scr-root .scr-dialog-title { flex: 1; margin: 0; font-size: 15px; font-weight: 600; }
.scr-root .scr-dialog-summary { margin: 0; color: var(--_scr-muted); overflow-wrap: anywhere; }
.scr-root .scr-busy { display: flex; align-items: center; gap: 10px; color: var(--_scr-muted); }
.scr-root .scr-busy p { margin: 0; }
.scr-root .scr-close { padding: 0 6px; border: 0; background: none; color: var(--_scr-muted); font-size: 18px; line-height: 1; cursor: pointer; }
.scr-root .scr-facts { display: grid; grid-template-columns: auto 1fr; gap: 6px 12px; margin: 0; }
.scr-root .scr-facts dt { color: var(--_scr-muted); }
.scr-root .scr-facts dd { min-width: 0; margin: 0; overflow-wrap: anywhere; }
.scr-root .scr-signers { display: flex; flex-direction: column; gap: 4px; margin: 0; padding: 0; border: 0; }
.scr-root .scr-signers legend { margin-bottom: 2px; padding: 0; color: var(--_scr-muted); }
.scr-root .scr-signer { display: flex; align-items: center; gap: 6px; cursor: pointer; }
.scr-root .scr-callout { margin: 0; padding: 8px 10px; border: 1px solid var(--_scr-border); border-radius: var(--_scr-radius); font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.scr-root .scr-callout-danger { border-color: color-mix(in srgb, var(--_scr-danger) 45%, transparent); background: color-mix(in srgb, var(--_scr-danger) 8%, transparent); }
.scr-root .scr-callout-ok { border-color: color-mix(in srgb, var(--_scr-success) 45%, transparent); background: color-mix(in srgb, var(--_scr-success) 8%, transparent); }
.scr-root .scr-progress { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 0; padding: 0; color: var(--_scr-muted); font-size: 12px; list-style: none; }
.scr-root .scr-progress [aria-current='step'] { color: var(--_scr-accent); font-weight: 600; }
.scr-root .scr-progress .scr-progress-done { color: var(--_scr-success); }
.scr-root .scr-dialog-actions { display: flex; justify-content: flex-end; gap: 8px; }

@keyframes scr-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .scr-root .scr-spinner { animation: none; } }
`

/** Theme variables first, so component rules read resolved values. Built once: it never changes at run time. */
export const RELAY_APP_CSS: string = `${themeCss()}\n${componentCss}`
