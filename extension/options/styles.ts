/**
 * The options page's stylesheet: plain sections over the page theme (shared/theme.ts). Nothing has a fixed width:
 * from 320 px up every field and button fits, rows wrap, and the label/field grid becomes one column.
 */
import { pageThemeCss } from '../shared/theme'

export const OPTIONS_CSS = `
${pageThemeCss()}
body { font-size: 14px; line-height: 1.45; }
.opt { max-width: 760px; margin: 0 auto; padding: 24px 20px 48px; }
.opt-header { display: flex; align-items: center; gap: 12px; margin-bottom: 20px; }
.opt-header img { width: 32px; height: 32px; }
.opt-header h1 { margin: 0; font-size: 20px; font-weight: 650; }
.opt-section { margin: 0 0 18px; padding: 16px 18px; border: 1px solid var(--page-border); border-radius: calc(var(--page-radius) * 1.5); }
.opt-section h2 { margin: 0 0 4px; font-size: 15px; font-weight: 650; }
.opt-section > p.opt-hint { margin: 0 0 12px; color: var(--page-muted); font-size: 13px; }
.opt-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 8px 0; }
.opt-stack { flex: 1 1 100%; min-width: 0; overflow-wrap: anywhere; }
.opt-stack input { min-width: 0; }
.opt-list { margin: 8px 0; padding: 0; list-style: none; border: 1px solid var(--page-border); border-radius: var(--page-radius); }
.opt-list li { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 7px 10px; border-bottom: 1px solid var(--page-border); }
.opt-list li:last-child { border-bottom: 0; }
.opt-list .opt-grow { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.opt-empty { padding: 8px 10px; color: var(--page-muted); }
.opt-mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace; font-size: 12.5px; }
.opt-muted { color: var(--page-muted); font-size: 12.5px; }
.opt label { display: inline-flex; align-items: center; gap: 6px; }
.opt input[type='text'], .opt input[type='password'], .opt input[type='number'], .opt input[type='url'], .opt select {
  min-width: 0; padding: 6px 8px; border: 1px solid var(--page-border); border-radius: var(--page-radius);
  background: var(--page-bg); color: var(--page-fg); font: inherit; }
.opt input[aria-invalid='true'] { border-color: var(--page-danger); }
.opt input.opt-wide { flex: 1 1 200px; min-width: 0; max-width: 100%; }
.opt input, .opt select { max-width: 100%; }
.opt input.opt-narrow { width: 110px; }
.opt button { display: inline-flex; align-items: center; gap: 4px; padding: 6px 12px; border: 1px solid var(--page-border);
  border-radius: var(--page-radius); background: transparent; color: var(--page-fg); font: inherit; font-weight: 500; cursor: pointer; }
.opt button:hover:not(:disabled) { background: color-mix(in srgb, var(--page-fg) 6%, transparent); }
.opt button:disabled { opacity: 0.5; cursor: not-allowed; }
.opt button.opt-primary { border-color: var(--page-accent); background: var(--page-accent); color: var(--page-bg); font-weight: 600; }
.opt button.opt-primary:hover:not(:disabled) { background: color-mix(in srgb, var(--page-accent) 85%, var(--page-fg)); }
.opt button.opt-danger { border-color: var(--page-danger); color: var(--page-danger); }
.opt button.opt-small { padding: 3px 9px; font-size: 12.5px; }
.opt-error { margin: 6px 0; padding: 7px 10px; border: 1px solid var(--page-danger);
  border-radius: var(--page-radius); background: color-mix(in srgb, var(--page-danger) 6%, var(--page-bg)); color: var(--page-danger);
  font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere; }
.opt-error-text { margin: 0; }
.opt-details { margin-top: 4px; color: var(--page-fg); white-space: normal; }
.opt-details summary { color: var(--page-muted); cursor: pointer; }
.opt-details pre { max-height: 160px; margin: 4px 0 0; padding: 6px 8px; overflow: auto; border-radius: 4px;
  background: color-mix(in srgb, var(--page-fg) 6%, var(--page-bg)); font-size: 11.5px; white-space: pre-wrap; overflow-wrap: anywhere; }
.opt-address { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px; min-width: 0; overflow-wrap: anywhere; }
.opt-ok { margin: 6px 0; padding: 7px 10px; border: 1px solid var(--page-success);
  border-radius: var(--page-radius); background: color-mix(in srgb, var(--page-success) 8%, var(--page-bg)); font-size: 13px; overflow-wrap: anywhere; }
.opt-warning { margin: 6px 0; padding: 7px 10px; border: 1px solid var(--page-warning);
  border-radius: var(--page-radius); background: color-mix(in srgb, var(--page-warning) 8%, var(--page-bg)); font-size: 13px; }
.opt-confirm { margin: 6px 0; padding: 7px 10px; border: 1px solid var(--page-danger); border-radius: var(--page-radius); font-size: 13px; overflow-wrap: anywhere; }
.opt-confirm p { margin: 0 0 6px; }
.opt-secret { padding: 8px 10px; border: 1px dashed var(--page-warning); border-radius: var(--page-radius); user-select: all; overflow-wrap: anywhere; }
.opt-grid { display: grid; grid-template-columns: 120px minmax(0, 1fr); gap: 8px 12px; align-items: center; margin: 8px 0; }
.opt-grid input { width: 100%; box-sizing: border-box; }
.opt h3 { margin: 14px 0 4px; font-size: 13.5px; font-weight: 600; }
@media (max-width: 520px) { .opt { padding: 16px 10px 32px; } .opt-section { padding: 12px 12px; } .opt-grid { grid-template-columns: 1fr; gap: 4px; } }
`
