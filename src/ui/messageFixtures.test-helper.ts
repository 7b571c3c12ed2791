/**
 * Test fixtures for the UI: valid-looking (not protocol-exact) messages, chains and a canned TrackerApi. Nothing
 * here touches a network; hashes are derived from a seed so every message is distinct. The accounts, token and
 * seed hashes are core's fixtures' (one home); the messages stay separate because UI tests want short, seed-numbered
 * ones ("10 MOCK") where core's store tests want protocol-exact hashes.
 */
import type { Address, Hex } from 'viem'

import type { ChainConfig } from '../core/chains/types'
import type { RelayPlan } from '../core/relay/plan'
import type { TrackerApi, TrackerUpdate } from '../core/tracker/api'
import type { MessageIntent, TrackedMessage } from '../core/model/message'
import { SUPERCHAIN_ETH_BRIDGE, SUPERCHAIN_TOKEN_BRIDGE } from '../core/protocol/addresses'
import { ALICE, BOB, CAROL, TEST_TOKEN, txHash } from '../core/store/messageFixtures.test-helper'
import type { UnreadableRecord } from '../core/store/storedRecord'

export { ALICE, BOB, CAROL }
export const TOKEN: Address = TEST_TOKEN

/** 2026-01-01T00:00:00Z */
export const NOW = 1_767_225_600_000

export const CHAINS: ChainConfig[] = [
  {
    id: 901,
    name: 'OP A',
    rpcUrl: 'http://127.0.0.1:9545',
    nativeSymbol: 'ETH',
    explorerUrl: 'https://a.example',
  },
  { id: 902, name: 'OP B', rpcUrl: 'http://127.0.0.1:9546', nativeSymbol: 'ETH' },
]

export const hex32: (seed: number) => Hex = txHash

export type IntentKind = MessageIntent['kind']

export interface MakeMessageOptions extends Partial<TrackedMessage> {
  kind?: IntentKind
  seed?: number
  /** Seconds before NOW that the initiating block was made; omit for no initiating log. */
  sentSecondsAgo?: number
}

/** A message of the given kind (default erc20 "10 MOCK" from ALICE to BOB, 901 → 902, ready). */
export function makeMessage(options: MakeMessageOptions = {}): TrackedMessage {
  const { kind = 'erc20', seed = 1, sentSecondsAgo, ...overrides } = options
  const intent: MessageIntent =
    kind === 'erc20'
      ? { kind, token: TOKEN, from: ALICE, to: BOB, amount: 10n * 10n ** 18n, symbol: 'MOCK', decimals: 18 }
      : kind === 'eth'
        ? { kind, from: ALICE, to: BOB, amount: 1_500_000_000_000_000_000n }
        : { kind, selector: '0x12345678' }
  const sender = kind === 'erc20' ? SUPERCHAIN_TOKEN_BRIDGE : kind === 'eth' ? SUPERCHAIN_ETH_BRIDGE : ALICE
  const target = kind === 'erc20' ? SUPERCHAIN_TOKEN_BRIDGE : kind === 'eth' ? SUPERCHAIN_ETH_BRIDGE : CAROL
  const createdAt = NOW - 180_000
  return {
    hash: hex32(0xa000_0000 + seed),
    source: 901,
    destination: 902,
    nonce: BigInt(seed),
    sender,
    target,
    message: '0x12345678',
    intent,
    sourceTransactionHash: hex32(0x5000_0000 + seed),
    initiatingLog:
      sentSecondsAgo === undefined
        ? undefined
        : {
            blockNumber: 1234n,
            blockHash: hex32(0xb000_0000 + seed),
            logIndex: 2,
            timestamp: BigInt(Math.floor(NOW / 1000) - sentSecondsAgo),
            transactionHash: hex32(0x5000_0000 + seed),
          },
    status: 'ready',
    accounts: [ALICE.toLowerCase() as Address],
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  }
}

export function makePlan(overrides: Partial<RelayPlan> = {}): RelayPlan {
  return {
    messageHash: hex32(0xa000_0001),
    source: 901,
    destination: 902,
    transaction: { to: '0x4200000000000000000000000000000000000023', data: '0x', accessList: [], value: 0n },
    id: {
      origin: '0x4200000000000000000000000000000000000023',
      blockNumber: 1n,
      logIndex: 0n,
      timestamp: 1n,
      chainId: 901n,
    },
    payload: '0x',
    description: 'Mint 10 MOCK to 0x7099…79C8 on OP B',
    simulation: { ok: true },
    fee: { gas: 21_000n, maxFeePerGas: 1_000_000_000n, maxPriorityFeePerGas: 1n, total: 21_000_000_000_000n },
    ...overrides,
  }
}

/** A TrackerApi over canned data; records calls so tests can check what the UI asked for. */
export function cannedTracker(
  messages: TrackedMessage[] = [],
  chains: ChainConfig[] = CHAINS,
  unreadable: UnreadableRecord[] = [],
) {
  const calls: string[] = []
  const listeners = new Set<(update: TrackerUpdate) => void>()
  const api: TrackerApi = {
    async listMessages() {
      calls.push('listMessages')
      return messages
    },
    async getMessage(hash) {
      return messages.find((m) => m.hash === hash)
    },
    async trackTransaction(chainId, hash) {
      calls.push(`trackTransaction ${chainId} ${hash}`)
      return []
    },
    async listChains() {
      calls.push('listChains')
      return chains
    },
    async prepareRelay(hash) {
      calls.push(`prepareRelay ${hash}`)
      return makePlan({ messageHash: hash })
    },
    async relay(hash, signer) {
      calls.push(`relay ${hash} ${signer.kind}`)
      return hex32(0x4e1a)
    },
    async resend(hash, signer) {
      calls.push(`resend ${hash} ${signer.kind}`)
      return hex32(0x5e5e)
    },
    async forgetMessage(hash) {
      calls.push(`forgetMessage ${hash}`)
    },
    async clearChainHistory(chainId) {
      calls.push(`clearChainHistory ${chainId}`)
      return 0
    },
    async chainHealth() {
      calls.push('chainHealth')
      return []
    },
    async unreadableMessages() {
      calls.push('unreadableMessages')
      return unreadable
    },
    async chainReadiness() {
      calls.push('chainReadiness')
      return []
    },
    async chainNotices() {
      calls.push('chainNotices')
      return []
    },
    async dismissChainNotice(id) {
      calls.push(`dismissChainNotice ${id}`)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return { api, calls, emit: (update: TrackerUpdate) => listeners.forEach((l) => l(update)) }
}
