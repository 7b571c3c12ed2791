/**
 * The time the message list's ages are computed from. It ticks every second while one age counts seconds
 * ("47 s ago"), every half minute after that (`clockTickMs`), so a quiet list does not re-render every second.
 */
import { useEffect, useState } from 'react'

import type { TrackedMessage } from '../core/model/message'
import { clockTickMs, sentAt } from './format'

export function useClock(messages: readonly TrackedMessage[] | undefined): number {
  const [now, setNow] = useState(() => Date.now())
  const tickMs = clockTickMs(messages?.slice(0, 20).map(sentAt) ?? [], now)
  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), tickMs)
    return () => clearTimeout(timer)
  }, [now, tickMs])
  return now
}
