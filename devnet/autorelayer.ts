/**
 * `--autorelay`: what Supersim's autorelayer does. Watches every devnet chain for SentMessage and relays each message
 * on its destination from a dedicated funded account, with the full access list, through the validating proxy (so the
 * relay obeys the same rules as anyone else's). A relay that fails (the target reverts, the delay has not passed) is
 * retried with backoff; a message someone else relayed first is dropped.
 */
import { buildExecutingMessage, relayCrossDomainMessage } from '@eth-optimism/viem/actions/interop'
import { hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import {
  createWalletClient,
  http,
  parseEventLogs,
  type Chain,
  type Hex,
  type Log,
  type PublicClient,
  type PrivateKeyAccount,
  type Transport,
  type WalletClient,
} from 'viem'

import { l2ToL2CrossDomainMessengerAbi } from '../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../src/core/protocol/addresses'

export interface AutorelayChain {
  id: number
  chain: Chain
  /** Client straight to anvil, for reads. */
  client: PublicClient
  /** The proxy's URL, where relays are sent. */
  rpcUrl: string
}

export interface AutorelayerOptions {
  chains: AutorelayChain[]
  account: PrivateKeyAccount
  interopDelay: number
  pollIntervalMs?: number
  onRelayed?: (info: { messageHash: Hex; source: number; destination: number; transactionHash: Hex }) => void
  onError?: (error: Error) => void
}

interface PendingRelay {
  messageHash: Hex
  source: number
  destination: number
  log: Log
  timestamp: bigint
  attempts: number
  notBefore: number
}

export interface Autorelayer {
  stop(): Promise<void>
}

/** What the autorelayer knows between ticks: per-chain scan cursors, the relays still to do, chains down. */
interface AutorelayState {
  options: AutorelayerOptions
  byId: Map<number, AutorelayChain>
  cursors: Map<number, bigint>
  queue: PendingRelay[]
  wallets: Map<number, WalletClient<Transport, Chain, PrivateKeyAccount>>
  /** Chains whose last scan failed: reported once per outage, so one stopped chain neither floods the log nor
   *  stops the others being served. */
  down: Set<number>
}

const firstLine = (error: unknown) => (error as Error).message.split('\n')[0]

/** Queues every SentMessage to a devnet chain that `c` emitted since the last scan. */
async function scan(state: AutorelayState, c: AutorelayChain): Promise<void> {
  const { cursors, queue, byId } = state
  const latest = await c.client.getBlockNumber({ cacheTime: 0 })
  const from = cursors.get(c.id)! + 1n
  if (latest < from) return
  const logs = await c.client.getLogs({
    address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    fromBlock: from,
    toBlock: latest,
  })
  cursors.set(c.id, latest)
  for (const log of parseEventLogs({
    abi: l2ToL2CrossDomainMessengerAbi,
    eventName: 'SentMessage',
    logs,
  })) {
    const destination = Number(log.args.destination)
    if (!byId.has(destination)) continue
    const messageHash = hashCrossDomainMessage({
      source: BigInt(c.id),
      destination: log.args.destination,
      nonce: log.args.messageNonce,
      sender: log.args.sender,
      target: log.args.target,
      message: log.args.message,
      log,
    })
    const block = await c.client.getBlock({ blockNumber: log.blockNumber })
    // A resend re-emits the same hash: the newest log replaces the one we had queued.
    const existing = queue.findIndex((q) => q.messageHash === messageHash)
    if (existing >= 0) queue.splice(existing, 1)
    queue.push({
      messageHash,
      source: c.id,
      destination,
      log,
      timestamp: block.timestamp,
      attempts: 0,
      notBefore: 0,
    })
  }
}

/** Relays `item` unless it is already relayed ('done') or its destination's next block is too early ('later'). */
async function tryRelay(state: AutorelayState, item: PendingRelay): Promise<'done' | 'later'> {
  const { byId, options } = state
  const dest = byId.get(item.destination)!
  const relayed = await dest.client.readContract({
    address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    abi: l2ToL2CrossDomainMessengerAbi,
    functionName: 'successfulMessages',
    args: [item.messageHash],
  })
  if (relayed) return 'done'
  const pending = await dest.client.getBlock({ blockTag: 'pending' })
  if (
    pending.timestamp <= item.timestamp ||
    pending.timestamp < item.timestamp + BigInt(options.interopDelay)
  ) {
    return 'later'
  }
  const source = byId.get(item.source)!
  const params = await buildExecutingMessage(source.client, { log: item.log })
  const transactionHash = await relayCrossDomainMessage(state.wallets.get(item.destination)!, {
    ...params,
    account: options.account,
    chain: dest.chain,
  })
  const { messageHash, source: from, destination } = item
  options.onRelayed?.({ messageHash, source: from, destination, transactionHash })
  return 'done'
}

async function tick(state: AutorelayState): Promise<void> {
  const { options, down, queue } = state
  for (const c of options.chains) {
    try {
      await scan(state, c)
      down.delete(c.id)
    } catch (error) {
      if (!down.has(c.id)) {
        down.add(c.id)
        options.onError?.(new Error(`autorelay: cannot scan chain ${c.id}: ${firstLine(error)}`))
      }
    }
  }
  const now = Date.now()
  for (const item of [...queue]) {
    if (item.notBefore > now) continue
    try {
      if ((await tryRelay(state, item)) === 'done') queue.splice(queue.indexOf(item), 1)
    } catch (error) {
      // Backs off per message, so one that keeps failing does not hold up the others.
      item.attempts += 1
      item.notBefore = Date.now() + Math.min(30_000, 500 * 2 ** item.attempts)
      options.onError?.(
        new Error(`autorelay of ${item.messageHash} to ${item.destination} failed: ${firstLine(error)}`),
      )
    }
  }
}

export function startAutorelayer(options: AutorelayerOptions): Autorelayer {
  const state: AutorelayState = {
    options,
    byId: new Map(options.chains.map((c) => [c.id, c])),
    cursors: new Map<number, bigint>(options.chains.map((c) => [c.id, -1n])),
    queue: [],
    wallets: new Map(
      options.chains.map((c) => [
        c.id,
        createWalletClient({ account: options.account, chain: c.chain, transport: http(c.rpcUrl) }),
      ]),
    ),
    down: new Set<number>(),
  }
  let stopped = false
  const interval = options.pollIntervalMs ?? 250
  const loop = async () => {
    while (!stopped) {
      try {
        await tick(state)
      } catch (error) {
        if (!stopped) options.onError?.(error as Error)
      }
      await new Promise((r) => setTimeout(r, interval))
    }
  }
  const running = loop()

  return {
    async stop() {
      stopped = true
      await running
    },
  }
}
