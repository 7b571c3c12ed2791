/**
 * The popup page's own styles around RelayApp (the page theme, the body width, the footer), apart from its
 * components so the first-paint script (firstPaint.ts) lays the page out with the same rules before React loads.
 */
import { pageThemeCss } from '../shared/theme'

/*
 * Chrome sizes an action popup to its content (its preferred width, up to 800 px), so the body asks for 380 px. When
 * the page is narrower than that — the popup opened in a small window from a notification, a tab on a phone-sized
 * screen — it takes the width there is instead, down to 320 px. (While Chrome sizes a popup, a first layout in a
 * narrow frame uses the content's preferred width, which the rows make wider than 380 px, so the popup still ends
 * up 380 px wide.)
 */
export const POPUP_CSS = `
${pageThemeCss()}
body { width: 380px; }
@media (max-width: 379px) { body { width: auto; min-width: 320px; } }
.popup-footer { display: flex; align-items: center; gap: 8px; padding: 6px 12px; border-top: 1px solid var(--page-border); font-size: 12px; color: var(--page-muted); }
.popup-footer span { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.popup-footer button { flex: none; padding: 3px 9px; border: 1px solid var(--page-border); border-radius: var(--page-radius); background: transparent; color: var(--page-fg); font: inherit; cursor: pointer; }
.popup-footer button:hover { background: color-mix(in srgb, var(--page-fg) 6%, transparent); }
`
