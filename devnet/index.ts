/**
 * A local Superchain in Node, shaped like Supersim (docs/ARCHITECTURE.md §7): L2 chains 901… on
 * 127.0.0.1:9545…, each an anvil behind a JSON-RPC proxy that runs the interop filter, with the interop predeploys
 * installed from our own compiled Solidity. Code written for Supersim (e.g. `@eth-optimism/viem`'s
 * `supersimL2A`/`supersimL2B`) works against it unchanged.
 */
import { supersimL2A, supersimL2B, supersimL2C, supersimL2D, supersimL2E } from '@eth-optimism/viem/chains'
import { createPublicClient, defineChain, http, keccak256, toHex, type Chain, type PublicClient } from 'viem'
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts'

import { startAutorelayer, type Autorelayer } from './autorelayer'
import { allocateNodes, type ChainNode, type NodeSetup, startNode, stopNode } from './chainNode'
import type { MessengerVersion } from './contracts/artifacts'

export type { MessengerVersion } from './contracts/artifacts'

export const DEVNET_CHAIN_IDS = [901, 902, 903, 904, 905] as const
const SUPERSIM_CHAINS = [supersimL2A, supersimL2B, supersimL2C, supersimL2D, supersimL2E]

/**
 * The interop filter's default expiry window: 7 days, the most the interop spec allows (the window can be configured
 * per dependency set, never longer). Messenger 2.0.0's 8-day EXPIRY_PERIOD is this plus a day of margin, so it does
 * not lengthen the window.
 */
export const DEFAULT_MESSAGE_EXPIRY = 604_800

/**
 * The autorelayer's key: derived from a fixed phrase so it is stable across runs but is none of anvil's default
 * accounts (whose nonces belong to the user and the tests).
 */
export const AUTORELAYER_PRIVATE_KEY = keccak256(toHex('superchain-relay devnet autorelayer'))

/**
 * The account that stands in for L1 on messenger 2.0.0: upstream, `expireMessage` is only callable by a message
 * from L1 (L1CrossDomainMessenger → L2CrossDomainMessenger); the devnet has no L1, so this account — and only it —
 * may call it. Its address is a constant of devnet/contracts/L2ToL2CrossDomainMessengerV2.sol. Funded on every chain.
 */
export const DEVNET_L1_STAND_IN = (() => {
  const privateKey = keccak256(toHex('superchain-relay devnet L1 stand-in'))
  return { address: privateKeyToAccount(privateKey).address, privateKey }
})()

/** anvil's default mnemonic accounts, funded with 10,000 ETH each on every chain. */
export const DEVNET_ACCOUNTS = [
  {
    address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  },
  {
    address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  },
  {
    address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    privateKey: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  },
  {
    address: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
    privateKey: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  },
] as const

export interface DevnetOptions {
  /** How many L2 chains (1–5), ids 901 upwards. Default 2. */
  chains?: number
  /** First proxy port; chain i listens on port + i. Default 9545 (Supersim's). Ignored with `freePorts`. */
  port?: number
  /** Let the OS pick free ports (tests run files in parallel). */
  freePorts?: boolean
  /** Seconds between blocks, 0 = automine. Default 2, like Supersim. */
  blockTime?: number
  /** Relay every SentMessage from a dedicated account. */
  autorelay?: boolean
  /** Seconds a message must wait after its initiating timestamp before it can execute. Default 0. */
  interopDelay?: number
  /** The interop filter's expiry window in seconds (inclusive). Default 604800 (7 days). */
  messageExpiry?: number
  /** Which L2ToL2CrossDomainMessenger to install: 1 = 1.3.0 (default), 2 = the proposed 2.0.0. */
  messenger?: MessengerVersion
  /** anvil's epoch: safe = latest − slots, finalized = latest − 2·slots. Default 2. */
  slotsInAnEpoch?: number
  /** Which sources each chain accepts; default: every devnet chain accepts every other. */
  dependencySets?: Record<number, number[]>
  /** Where the devnet reports what it does (refused txs, autorelays). */
  log?: (line: string) => void
}

export interface DevnetChain {
  id: number
  name: string
  /** The filtering proxy: what users, wallets and our code talk to. */
  rpcUrl: string
  /** anvil itself, behind the proxy (for tests that must bypass the filter). */
  anvilUrl: string
  /** A viem chain for this devnet chain (Supersim's definition with this devnet's URL). */
  chain: Chain
}

export interface Devnet {
  chains: DevnetChain[]
  accounts: typeof DEVNET_ACCOUNTS
  autorelayerAddress?: `0x${string}`
  messenger: MessengerVersion
  /** Stops everything; no anvil is left running. */
  stop(): Promise<void>
  /**
   * Stops the devnet and starts it again on the same ports, as Ctrl-C + `npm run devnet` does: fresh chains (new
   * genesis, empty state, nonces from 0), predeploys installed again. Each new genesis gets a later timestamp than the
   * one it replaces, so block hashes differ even when the restart happens within the same second.
   */
  restart(): Promise<void>
  /** Stops one chain (its anvil and its proxy): its URLs refuse connections; the other chains keep running. */
  stopChain(id: number): Promise<void>
  /** Starts a stopped (or running) chain afresh on its ports: a new genesis, like `restart` for that chain alone. */
  startChain(id: number): Promise<void>
}

/** The options with their defaults, each checked with an error that names the flag. */
function checkOptions(options: DevnetOptions) {
  const count = options.chains ?? 2
  if (!Number.isInteger(count) || count < 1 || count > DEVNET_CHAIN_IDS.length) {
    throw new Error(`--chains must be an integer from 1 to ${DEVNET_CHAIN_IDS.length}, got ${count}`)
  }
  const blockTime = options.blockTime ?? 2
  if (!Number.isFinite(blockTime) || blockTime < 0)
    throw new Error(`--block-time must be ≥ 0 seconds, got ${blockTime}`)
  const interopDelay = options.interopDelay ?? 0
  if (!Number.isFinite(interopDelay) || interopDelay < 0) {
    throw new Error(`--interop-delay must be ≥ 0 seconds, got ${interopDelay}`)
  }
  const messageExpiry = options.messageExpiry ?? DEFAULT_MESSAGE_EXPIRY
  if (!Number.isInteger(messageExpiry) || messageExpiry <= 0) {
    throw new Error(`--message-expiry must be a whole number of seconds > 0, got ${messageExpiry}`)
  }
  const messenger = options.messenger ?? 1
  if (messenger !== 1 && messenger !== 2) {
    throw new Error(`--messenger must be 1 (1.3.0) or 2 (the proposed 2.0.0), got ${String(messenger)}`)
  }
  return { ids: DEVNET_CHAIN_IDS.slice(0, count), blockTime, interopDelay, messageExpiry, messenger }
}

/** Each chain as users see it: Supersim's definition, with this devnet's proxy URL. */
function describeChains(nodes: readonly ChainNode[]): DevnetChain[] {
  return nodes.map((node) => {
    const rpcUrl = `http://127.0.0.1:${node.proxyPort}`
    const base = SUPERSIM_CHAINS[node.index]!
    return {
      id: node.id,
      name: base.name,
      rpcUrl,
      anvilUrl: `http://127.0.0.1:${node.anvilPort}`,
      chain: defineChain({ ...base, rpcUrls: { default: { http: [rpcUrl] } } }),
    }
  })
}

/** The autorelayer, if asked for; restarted with the chains, since a fresh one forgets block cursors that a restarted chain no longer has. */
function autorelayerSlot(
  chains: readonly DevnetChain[],
  clients: Map<number, PublicClient>,
  account: PrivateKeyAccount | undefined,
  interopDelay: number,
  log: (line: string) => void,
) {
  let autorelayer: Autorelayer | undefined
  const stop = async () => {
    await autorelayer?.stop()
    autorelayer = undefined
  }
  return {
    stop,
    async restart(): Promise<void> {
      await stop()
      if (!account) return
      autorelayer = startAutorelayer({
        chains: chains.map((c) => ({
          id: c.id,
          chain: c.chain,
          client: clients.get(c.id)!,
          rpcUrl: c.rpcUrl,
        })),
        account,
        interopDelay,
        onRelayed: (r) =>
          log(`autorelayed ${r.messageHash} ${r.source} → ${r.destination} in ${r.transactionHash}`),
        onError: (e) => log(e.message),
      })
    },
  }
}

export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet> {
  const { ids, blockTime, interopDelay, messageExpiry, messenger } = checkOptions(options)
  const log = options.log ?? (() => {})
  const nodes = await allocateNodes(ids, options)
  const chains = describeChains(nodes)
  // Straight to each anvil, for the filter's and the autorelayer's reads. The ports never change, so these clients
  // stay valid across restarts (and fail, as they should, while a chain is stopped).
  const clients = new Map<number, PublicClient>(
    chains.map((c) => [
      c.id,
      createPublicClient({ chain: c.chain, transport: http(c.anvilUrl), cacheTime: 0 }) as PublicClient,
    ]),
  )
  const autorelayAccount = options.autorelay ? privateKeyToAccount(AUTORELAYER_PRIVATE_KEY) : undefined
  const funded = [DEVNET_L1_STAND_IN.address, ...(autorelayAccount ? [autorelayAccount.address] : [])]
  const setup: NodeSetup = {
    ids,
    blockTime,
    slotsInAnEpoch: options.slotsInAnEpoch ?? 2,
    interopDelay,
    messageExpiry,
    messenger,
    dependencySets: options.dependencySets,
    clients,
    funded,
    log,
  }
  const start = (node: ChainNode) => startNode(node, setup)
  const autorelayer = autorelayerSlot(chains, clients, autorelayAccount, interopDelay, log)
  const restartAutorelayer = autorelayer.restart
  const stop = async () => {
    await autorelayer.stop()
    await Promise.all(nodes.map(stopNode))
  }
  const nodeOf = (id: number) => {
    const node = nodes.find((n) => n.id === id)
    if (!node) throw new Error(`the devnet has no chain ${id} (it runs ${ids.join(', ')})`)
    return node
  }

  try {
    await Promise.all(nodes.map(start))
    await restartAutorelayer()
  } catch (error) {
    await stop()
    throw error
  }

  return {
    chains,
    accounts: DEVNET_ACCOUNTS,
    autorelayerAddress: autorelayAccount?.address,
    messenger,
    stop,
    async restart() {
      await stop()
      await Promise.all(nodes.map(start))
      await restartAutorelayer()
    },
    async stopChain(id) {
      await stopNode(nodeOf(id))
    },
    async startChain(id) {
      const node = nodeOf(id)
      await stopNode(node)
      await start(node)
      await restartAutorelayer()
    },
  }
}
