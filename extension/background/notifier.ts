/**
 * Shows the notifications `planNotifications` asks for, records them (so no restart repeats one), and turns a
 * click into the popup opened on that message. With the 'prompt' policy a message that waited out its grace period
 * also opens the popup by itself.
 */
import type { Hex } from 'viem'

import { type MessageStore } from '../../src/core'
import { serializeError } from '../messaging/codec'
import type { ExtensionSettings } from '../messaging/protocol'
import { openPopupOn } from './focus'
import type { ExtensionHost } from './host'
import {
  CANDIDATE_STATUSES,
  hashesAwaitingRelayed,
  hashOfNotification,
  planNotifications,
  pruneLog,
  type NotificationLog,
} from './notifications'

export const NOTIFICATION_LOG_KEY = 'notified'
const ICON = 'icons/icon-128.png'

export interface Notifier {
  /** Look at the messages and notify what is due. Calls never overlap, so nothing is notified twice. */
  check(): Promise<void>
  /** The user relayed this message through us: tell them when it lands. */
  markSubmitted(hash: Hex): Promise<void>
  onClicked(notificationId: string): Promise<void>
}

export function createNotifier(deps: {
  host: ExtensionHost
  store: () => Promise<MessageStore>
  settings: () => Promise<ExtensionSettings>
  chainName: (id: number) => string
  now: () => number
  log: (line: string) => void
}): Notifier {
  const { host, now } = deps
  const local = host.storage.local
  let queue: Promise<unknown> = Promise.resolve()

  /** One at a time: two overlapping checks would both see an empty record and notify twice. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task)
    queue = run.catch(() => {})
    return run
  }

  const readLog = async (): Promise<NotificationLog> =>
    ((await local.get(NOTIFICATION_LOG_KEY))[NOTIFICATION_LOG_KEY] as NotificationLog | undefined) ?? {}

  async function check(): Promise<void> {
    const store = await deps.store()
    const settings = await deps.settings()
    const log = await readLog()
    const candidates = await store.list({ statuses: [...CANDIDATE_STATUSES] })
    const awaiting = await Promise.all(hashesAwaitingRelayed(log).map((hash) => store.get(hash)))
    const messages = [...candidates, ...awaiting.filter((m) => m !== undefined)]
    const planned = planNotifications({
      messages,
      log,
      now: now(),
      gracePeriodMs: settings.gracePeriodSeconds * 1000,
      chainName: deps.chainName,
    })
    if (planned.length === 0) return
    // Record first: a worker dying between the two would otherwise notify again after its restart. A lost
    // notification is the smaller harm than a repeated one every 30 s.
    const next = pruneLog(log, now())
    for (const p of planned)
      next[p.key] = { kind: p.kind, hash: p.hash, at: now(), title: p.title, message: p.message }
    await local.set({ [NOTIFICATION_LOG_KEY]: next })
    // 'prompt' opens the popup on the first message only: one window is a prompt, five are an ambush.
    let prompted = false
    for (const p of planned) {
      await host.notifications
        .create(p.key, {
          type: 'basic',
          iconUrl: host.runtime.getURL(ICON),
          title: p.title,
          message: p.message,
          ...(p.contextMessage ? { contextMessage: p.contextMessage } : {}),
          priority: p.kind === 'ready' || p.kind === 'expiring' ? 2 : 0,
        })
        .catch((error: unknown) => deps.log(`notification failed: ${serializeError(error).message}`))
      if (p.kind === 'ready' && settings.relayPolicy === 'prompt' && !prompted) {
        prompted = true
        await openPopupOn(host, p.hash).catch((error: unknown) =>
          deps.log(`could not open the popup: ${serializeError(error).message}`),
        )
      }
    }
  }

  return {
    check: () => serial(check),
    markSubmitted: (hash) =>
      serial(async () => {
        const log = pruneLog(await readLog(), now())
        log[`submitted:${hash}`] = { kind: 'submitted', hash, at: now() }
        await local.set({ [NOTIFICATION_LOG_KEY]: log })
      }),
    async onClicked(notificationId) {
      const hash = hashOfNotification(notificationId)
      await host.notifications.clear(notificationId).catch(() => false)
      if (hash) await openPopupOn(host, hash)
    },
  }
}
