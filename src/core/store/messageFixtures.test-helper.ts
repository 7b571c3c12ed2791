/**
 * Tracked messages shaped like the ones discovery produces on the local devnet (chains 901 → 902), with hashes
 * computed the way the messenger computes them, so that import validation sees real data rather than placeholders.
 */
import { hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import { encodeFunctionData, type Address, type Hex } from 'viem'

import { bridgeRelayAbi } from '../protocol/abis'
import { SUPERCHAIN_ETH_BRIDGE, SUPERCHAIN_TOKEN_BRIDGE } from '../protocol/addresses'
import { normalizeAddress, type TrackedMessage } from '../model/message'

/** anvil's first two default accounts, checksummed as a wallet reports them. */
export const ALICE: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
export const BOB: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
export const CAROL: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
/** The devnet's open-mint SuperchainERC20. */
export const TEST_TOKEN: Address = '0x420beeF000000000000000000000000000000001'

const T0 = 1_767_225_600_000 // 2026-01-01T00:00:00Z

function hashOf(
  m: Pick<TrackedMessage, 'source' | 'destination' | 'nonce' | 'sender' | 'target' | 'message'>,
): Hex {
  return hashCrossDomainMessage({
    source: BigInt(m.source),
    destination: BigInt(m.destination),
    nonce: m.nonce,
    sender: m.sender,
    target: m.target,
    message: m.message,
  } as Parameters<typeof hashCrossDomainMessage>[0])
}

/** A distinct 32-byte hash per seed, for transaction and block hashes that only need to differ. */
export function txHash(seed: number): Hex {
  return `0x${seed.toString(16).padStart(64, '0')}`
}

interface FixtureOptions {
  nonce?: bigint
  source?: number
  destination?: number
  from?: Address
  to?: Address
  amount?: bigint
  createdAt?: number
  updatedAt?: number
  status?: TrackedMessage['status']
}

/** A SuperchainTokenBridge.sendERC20: the bridge is both sender and target, the body is relayERC20(…). */
export function erc20Transfer(options: FixtureOptions = {}): TrackedMessage {
  const { nonce = 0n, source = 901, destination = 902, from = ALICE, to = BOB } = options
  const amount = options.amount ?? 1_000_000_000_000_000_000_000n // 1000 tokens: above 2^53 on purpose
  const createdAt = options.createdAt ?? T0
  const fields = {
    source,
    destination,
    nonce,
    sender: SUPERCHAIN_TOKEN_BRIDGE,
    target: SUPERCHAIN_TOKEN_BRIDGE,
    message: encodeFunctionData({
      abi: bridgeRelayAbi,
      functionName: 'relayERC20',
      args: [TEST_TOKEN, from, to, amount],
    }),
  }
  return {
    hash: hashOf(fields),
    ...fields,
    intent: { kind: 'erc20', token: TEST_TOKEN, from, to, amount, symbol: 'TEST', decimals: 18 },
    sourceTransactionHash: txHash(0x5e00 + Number(nonce)),
    status: options.status ?? 'initiated',
    accounts: [normalizeAddress(from)],
    createdAt,
    updatedAt: options.updatedAt ?? createdAt,
  }
}

/** A SuperchainETHBridge.sendETH: body is relayETH(from, to, amount). */
export function ethTransfer(options: FixtureOptions = {}): TrackedMessage {
  const { nonce = 0n, source = 901, destination = 902, from = ALICE, to = BOB } = options
  const amount = options.amount ?? 250_000_000_000_000_000n
  const createdAt = options.createdAt ?? T0
  const fields = {
    source,
    destination,
    nonce,
    sender: SUPERCHAIN_ETH_BRIDGE,
    target: SUPERCHAIN_ETH_BRIDGE,
    message: encodeFunctionData({ abi: bridgeRelayAbi, functionName: 'relayETH', args: [from, to, amount] }),
  }
  return {
    hash: hashOf(fields),
    ...fields,
    intent: { kind: 'eth', from, to, amount },
    sourceTransactionHash: txHash(0xe700 + Number(nonce)),
    status: options.status ?? 'ready',
    accounts: [normalizeAddress(to)],
    createdAt,
    updatedAt: options.updatedAt ?? createdAt,
  }
}

/**
 * A generic sendMessage from a contract account, relayed and finalized: every optional field is present, so a round
 * trip through storage or a file has something to lose.
 */
export function relayedGenericMessage(options: FixtureOptions = {}): TrackedMessage {
  const { nonce = 7n, source = 902, destination = 901, from = BOB, to = CAROL } = options
  const createdAt = options.createdAt ?? T0
  const fields = {
    source,
    destination,
    nonce,
    sender: from,
    target: to,
    message: '0xa9059cbb000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266' as Hex,
  }
  return {
    hash: hashOf(fields),
    ...fields,
    intent: { kind: 'generic', selector: '0xa9059cbb' },
    sourceTransactionHash: txHash(0x9e00 + Number(nonce)),
    initiatingLog: {
      blockNumber: 18_446_744_073_709_551_615n, // 2^64 - 1: does not fit a double
      blockHash: txHash(0xb10c),
      logIndex: 3,
      timestamp: 1_767_225_599n,
      transactionHash: txHash(0x9e00 + Number(nonce)),
    },
    sourceSafety: 'finalized',
    status: options.status ?? 'finalized',
    relay: {
      transactionHash: txHash(0x4e1a),
      relayer: ALICE,
      blockNumber: 120n,
      blockHash: txHash(0xb10d),
      timestamp: 1_767_225_660n,
      returnDataHash: txHash(0x4e7),
    },
    destinationSafety: 'safe',
    pendingRelay: { transactionHash: txHash(0x4e1a), relayer: ALICE, submittedAt: createdAt + 1_000 },
    failure: { reason: 'NotInAccessList()', at: createdAt + 500, transactionHash: txHash(0xfa11) },
    accounts: [normalizeAddress(from), normalizeAddress(to)],
    createdAt,
    updatedAt: options.updatedAt ?? createdAt + 2_000,
  }
}
