/** Styles of removing a message and clearing a chain's history (RemoveMessage, ClearChainHistory, ChainResetNotice). */
export const HISTORY_CSS = `
.scr-root .scr-button-quiet { border-color: transparent; background: none; color: var(--_scr-muted); }
.scr-root .scr-button-quiet:hover:not(:disabled) { color: var(--_scr-fg); }
.scr-root .scr-row-extra { display: flex; justify-content: flex-end; padding: 0 12px 8px; }
.scr-root .scr-history-bar { display: flex; flex: none; justify-content: flex-end; padding: 2px 8px; border-top: 1px solid var(--_scr-border); }
.scr-root .scr-reset-notice { display: flex; flex-direction: column; gap: 6px; margin: 8px 12px 0; padding: 6px 8px; border: 1px solid var(--_scr-border); border-radius: var(--_scr-radius); font-size: 12px; }
.scr-root .scr-reset-item { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 4px 8px; }
.scr-root .scr-reset-text { flex: 1 1 180px; min-width: 0; margin: 0; overflow-wrap: anywhere; }
.scr-root .scr-clear-field { display: flex; flex-direction: column; gap: 4px; }
.scr-root .scr-clear-field label { color: var(--_scr-muted); }
`
