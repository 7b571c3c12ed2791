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
/*
 * The "as of" of a preview (the first paint's and React's, until the live list is in) sits in the footer, not in
 * RelayApp's header: at 360 px the header has no room for it beside the title and the Track button, so it took a
 * second line there and the rows moved up when the live list replaced the preview. In the footer it is text on a
 * line that is there anyway. The header's own element stays, hidden, and says whether a preview is on screen: the
 * footer's is shown only while it is there.
 */
export const AS_OF_TITLE =
  'Saved when the tracker last looked; live data replaces it as soon as the tracker answers.'

export const POPUP_CSS = `
${pageThemeCss()}
body { width: 380px; }
@media (max-width: 379px) { body { width: auto; min-width: 320px; } }
.popup-footer { display: flex; align-items: center; gap: 8px; padding: 6px 12px; border-top: 1px solid var(--page-border); font-size: 12px; color: var(--page-muted); }
.popup-footer span { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.popup-footer button { flex: none; padding: 3px 9px; border: 1px solid var(--page-border); border-radius: var(--page-radius); background: transparent; color: var(--page-fg); font: inherit; cursor: pointer; }
.scr-root .scr-as-of { display: none; }
.popup-footer .popup-as-of { flex: none; animation: popup-as-of-in 0.2s ease-out 0.4s both; }
@keyframes popup-as-of-in { from { opacity: 0; } }
.scr-root:not(:has(.scr-as-of)) ~ .popup-footer .popup-as-of { display: none; }
.popup-footer button:hover { background: color-mix(in srgb, var(--page-fg) 6%, transparent); }
`
