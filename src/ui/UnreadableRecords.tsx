/**
 * Stored records that are not valid messages (core leaves them out of every read, docs/ARCHITECTURE.md §3), shown
 * as error rows the user can remove — never silently dropped, never a blank list.
 */
import { useEffect, useState } from 'react'
import type { Hex } from 'viem'

import type { UnreadableRecord } from '../core/store/storedRecord'
import type { TrackerApi } from '../core/tracker/api'

export function UnreadableRecords({
  api,
  refreshKey,
}: {
  api: Pick<TrackerApi, 'unreadableMessages' | 'forgetMessage'>
  /** Read again when this changes (the message list did). */
  refreshKey?: unknown
}) {
  const [records, setRecords] = useState<UnreadableRecord[]>([])
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let live = true
    api.unreadableMessages().then(
      (r) => live && setRecords(r),
      () => live && setRecords([]),
    )
    return () => {
      live = false
    }
  }, [api, refreshKey, version])

  if (records.length === 0) return null
  return (
    <ul className="scr-unreadable" aria-label="Stored records that could not be read">
      {records.map((record) => (
        <li key={record.key} className="scr-callout scr-callout-danger" role="status" data-key={record.key}>
          <p className="scr-callout-text">
            <strong>A stored message could not be read.</strong> {record.problem}
          </p>
          <p className="scr-callout-text scr-muted scr-mono" title={record.key}>
            {record.key}
          </p>
          <button
            type="button"
            className="scr-button scr-button-small"
            onClick={() => void api.forgetMessage(record.key as Hex).finally(() => setVersion((v) => v + 1))}
          >
            Remove it
          </button>
        </li>
      ))}
    </ul>
  )
}

/** The row that replaces a message whose row failed to render. */
export function MessageRowError({ hash, error }: { hash: Hex; error: Error }) {
  return (
    <div
      className="scr-row-main scr-callout scr-callout-danger"
      role="status"
      data-hash={hash}
      data-row-error=""
    >
      <p className="scr-callout-text">
        <strong>This message could not be shown.</strong> {error.message}
      </p>
      <p className="scr-callout-text scr-muted scr-mono" title={hash}>
        {hash}
      </p>
    </div>
  )
}
