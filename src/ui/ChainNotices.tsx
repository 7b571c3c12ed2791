/**
 * What the user is told once about their chain list (core's chain notices): a retired network's chains were removed
 * on start, and the messages tracked on them stay in the history. Each notice stays until dismissed; dismissing
 * removes it from the store, so it is not shown again in the popup, the options page, or after a restart.
 *
 * It sits outside the message list (the options page has no `.scr-root`), so it carries its own few rules over the
 * page's theme variables, falling back to the list's.
 */
import { useEffect, useState } from 'react'

import type { ChainNoticeView } from '../core/tracker/chainNotices'
import type { TrackerApi } from '../core/tracker/api'

const CSS = `
.scr-chain-notices { display: flex; flex-direction: column; gap: 6px; margin: 8px 12px; padding: 0; list-style: none; }
.scr-chain-notice { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 8px 10px; font-size: 12.5px; line-height: 1.4;
  color: var(--page-fg, var(--scr-fg)); border: 1px solid var(--page-warning, var(--scr-warning, #b54708)); border-radius: var(--page-radius, 6px);
  background: color-mix(in srgb, var(--page-warning, var(--scr-warning, #b54708)) 8%, var(--page-bg, var(--scr-bg, #fff))); }
.scr-chain-notice p { flex: 1 1 220px; min-width: 0; margin: 0; overflow-wrap: anywhere; }
.scr-chain-notice button { flex: none; padding: 3px 9px; border: 1px solid var(--page-border, var(--scr-border)); border-radius: var(--page-radius, 6px);
  background: transparent; color: inherit; font: inherit; cursor: pointer; }
.scr-chain-notice button:hover { background: color-mix(in srgb, currentColor 6%, transparent); }
`

/** "Interop alpha testnet was retired; its chains were removed. Your 3 messages on it stay in the history." */
export function chainNoticeSentence(notice: ChainNoticeView): string {
  const messages =
    notice.messages === 0
      ? 'No message of yours was tracked on it.'
      : notice.messages === 1
        ? 'Your 1 message on it stays in the history.'
        : `Your ${notice.messages} messages on it stay in the history.`
  const chains = notice.chains.length === 1 ? 'its chain was removed' : 'its chains were removed'
  return `${notice.network} was retired; ${chains}. ${messages}`
}

export function ChainNotices({
  api,
  inset = true,
}: {
  api: Pick<TrackerApi, 'chainNotices' | 'dismissChainNotice'>
  /** Side margins, for a page edge (the popup); off inside a padded section (the options page). */
  inset?: boolean
}) {
  const [notices, setNotices] = useState<ChainNoticeView[]>([])
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let live = true
    api.chainNotices().then(
      (list) => live && setNotices(list),
      () => live && setNotices([]),
    )
    return () => {
      live = false
    }
  }, [api, version])

  if (notices.length === 0) return null
  const dismiss = (id: string) => {
    // Gone at once; read again after, so a failed dismissal brings it back rather than hiding it until a reload.
    setNotices((list) => list.filter((n) => n.id !== id))
    void api.dismissChainNotice(id).finally(() => setVersion((v) => v + 1))
  }
  return (
    <>
      <style>{CSS}</style>
      <ul
        className="scr-chain-notices"
        aria-label="Changes to your chains"
        style={inset ? undefined : { margin: '0 0 18px' }}
      >
        {notices.map((notice) => (
          <li key={notice.id} className="scr-chain-notice" role="status" data-notice-id={notice.id}>
            <p title={notice.text}>{chainNoticeSentence(notice)}</p>
            <button
              type="button"
              aria-label={`Dismiss: ${notice.network} was retired`}
              onClick={() => dismiss(notice.id)}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </>
  )
}
