/** React state over a MessageFeed: restarted when the tracker changes or the user retries after an error. */
import { useCallback, useEffect, useRef, useState } from 'react'

import type { TrackerApi } from '../core/tracker/api'
import type { TrackedMessage } from '../core/model/message'
import { startMessageFeed } from './messageFeed'
import type { MessageFeed, TrackerLoadState } from './messageFeed'

export interface TrackedMessages {
  state: TrackerLoadState
  /** The latest problem the tracker reported in the background, until dismissed (or, about one chain, until it is ok). */
  trackerError?: string
  dismissTrackerError: () => void
  /** Load again after an error. */
  retry: () => void
  /** Merge messages the UI got directly (trackTransaction's answer) without waiting for their events. */
  merge: (messages: readonly TrackedMessage[]) => void
}

export function useTrackedMessages(api: TrackerApi): TrackedMessages {
  const [state, setState] = useState<TrackerLoadState>({ phase: 'loading' })
  const [trackerError, setTrackerError] = useState<string>()
  const [attempt, setAttempt] = useState(0)
  const feed = useRef<MessageFeed | undefined>(undefined)

  useEffect(() => {
    const current = startMessageFeed(api, {
      onState: setState,
      onTrackerError: setTrackerError,
      onTrackerErrorCleared: () => setTrackerError(undefined),
    })
    feed.current = current
    return () => {
      current.stop()
      if (feed.current === current) feed.current = undefined
    }
  }, [api, attempt])

  const retry = useCallback(() => {
    setState({ phase: 'loading' })
    setAttempt((n) => n + 1)
  }, [])
  const merge = useCallback((messages: readonly TrackedMessage[]) => feed.current?.merge(messages), [])
  const dismissTrackerError = useCallback(() => setTrackerError(undefined), [])

  return { state, trackerError, dismissTrackerError, retry, merge }
}
