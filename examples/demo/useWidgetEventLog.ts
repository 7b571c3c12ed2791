/**
 * The demo's log of what the widget told its host: the last eight events (messageUpdated, relayed, error), newest
 * first, so a dapp developer sees which callbacks fire and when. The callbacks are made once: the widget reads the
 * latest through a ref anyway, and a stable object keeps the page from re-rendering it for nothing.
 */
import { useMemo, useState } from 'react'

import type { SuperchainRelayEventMap } from '../../widget/events'

export interface LogLine {
  at: number
  text: string
}

export function useWidgetEventLog() {
  const [log, setLog] = useState<LogLine[]>([])
  const callbacks = useMemo(() => {
    const addLog = (text: string) => setLog((lines) => [{ at: Date.now(), text }, ...lines].slice(0, 8))
    return {
      onMessageUpdated: (d: SuperchainRelayEventMap['messageUpdated']) =>
        addLog(
          `messageUpdated ${d.message.hash.slice(0, 10)}… ${
            d.previousStatus === d.status
              ? `${d.status} (details changed)`
              : `${d.previousStatus ?? 'new'} → ${d.status}`
          }`,
        ),
      onRelayed: (d: SuperchainRelayEventMap['relayed']) => addLog(`relayed ${d.message.hash.slice(0, 10)}…`),
      onError: (d: SuperchainRelayEventMap['error']) => addLog(`error (${d.context}) ${d.name}`),
    }
  }, [])
  return { log, callbacks }
}
