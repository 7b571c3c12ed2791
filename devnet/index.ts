/**
 * A local Superchain in Node, shaped like Supersim (docs/ARCHITECTURE.md, "Devnet"): L2 chains 901… on
 * 127.0.0.1:9545…, each an anvil behind a JSON-RPC proxy that runs the interop filter, with the interop predeploys
 * installed from our own compiled Solidity. Code written for Supersim (e.g. `@eth-optimism/viem`'s
 * `supersimL2A`/`supersimL2B`) works against it unchanged.
 */
import { supersimL2A, supersimL2B, supersimL2C, supersimL2D, supersimL2E } from '@eth-optimism/viem/chains'
import { createPublicClient, defineChain, http, keccak256, toHex, type Chain, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

import { startAnvil, type AnvilInstance } from './anvil'
import { MESSAGE_EXPIRY_SECONDS } from '../src/core/protocol/addresses'
import { startAutorelayer, type Autorelayer } from './autorelayer'
import { createInteropFilter } from './interopFilter'
import { installPredeploys } from './predeploys'
import { getFreePort, isPortFree } from './ports'
import { startValidatingProxy, type ValidatingProxy } from './proxy'

export const DEVNET_CHAIN_IDS = [901, 902, 903, 904, 905] as const
const SUPERSIM_CHAINS = [supersimL2A, supersimL2B, supersimL2C, supersimL2D, supersimL2E]

/**
 * The autorelayer's key: derived from a fixed phrase so it is stable across runs but is none of anvil's default
 * accounts (whose nonces belong to the user and the tests).
 */
export const AUTORELAYER_PRIVATE_KEY = keccak256(toHex('superchain-relay devnet autorelayer'))

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
  stop(): Promise<void>
}

export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet> {
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
  const ids = DEVNET_CHAIN_IDS.slice(0, count)
  const log = options.log ?? (() => {})

  const ports: { proxy: number; anvil: number }[] = []
  for (let i = 0; i < count; i++) {
    if (options.freePorts) {
      ports.push({ proxy: await getFreePort(), anvil: await getFreePort() })
    } else {
      const proxy = (options.port ?? 9545) + i
      if (!(await isPortFree(proxy))) {
        throw new Error(
          `port ${proxy} is already in use (another devnet or Supersim?): stop it or pass --port`,
        )
      }
      ports.push({ proxy, anvil: await getFreePort() })
    }
  }

  const anvils: AnvilInstance[] = []
  const proxies: ValidatingProxy[] = []
  let autorelayer: Autorelayer | undefined
  const stop = async () => {
    await autorelayer?.stop()
    await Promise.all(proxies.map((p) => p.close()))
    await Promise.all(anvils.map((a) => a.stop()))
  }

  try {
    anvils.push(
      ...(await Promise.all(
        ids.map((id, i) =>
          startAnvil({
            chainId: id,
            port: ports[i]!.anvil,
            blockTime,
            slotsInAnEpoch: options.slotsInAnEpoch ?? 2,
          }),
        ),
      )),
    )
    const chains: DevnetChain[] = ids.map((id, i) => {
      const rpcUrl = `http://127.0.0.1:${ports[i]!.proxy}`
      const base = SUPERSIM_CHAINS[i]!
      return {
        id,
        name: base.name,
        rpcUrl,
        anvilUrl: anvils[i]!.url,
        chain: defineChain({ ...base, rpcUrls: { default: { http: [rpcUrl] } } }),
      }
    })
    const clients = new Map<number, PublicClient>(
      chains.map((c, i) => [
        c.id,
        createPublicClient({ chain: c.chain, transport: http(anvils[i]!.url), cacheTime: 0 }) as PublicClient,
      ]),
    )
    const autorelayAccount = options.autorelay ? privateKeyToAccount(AUTORELAYER_PRIVATE_KEY) : undefined
    await Promise.all(
      chains.map((c) =>
        installPredeploys(clients.get(c.id)!, autorelayAccount ? [autorelayAccount.address] : []),
      ),
    )
    for (const [i, c] of chains.entries()) {
      const deps = options.dependencySets?.[c.id] ?? [...ids]
      proxies.push(
        await startValidatingProxy({
          chainId: c.id,
          port: ports[i]!.proxy,
          upstreamUrl: anvils[i]!.url,
          filter: createInteropFilter({
            chainId: c.id,
            upstream: clients.get(c.id)!,
            clients,
            dependencySet: new Set(deps),
            interopDelay,
            messageExpiry: Number(MESSAGE_EXPIRY_SECONDS),
            messengerVersion: 1,
          }),
          onRefused: (reason) => log(`chain ${c.id}: refused a transaction: ${reason}`),
        }),
      )
    }
    if (autorelayAccount) {
      autorelayer = startAutorelayer({
        chains: chains.map((c) => ({
          id: c.id,
          chain: c.chain,
          client: clients.get(c.id)!,
          rpcUrl: c.rpcUrl,
        })),
        account: autorelayAccount,
        interopDelay,
        onRelayed: (r) =>
          log(`autorelayed ${r.messageHash} ${r.source} → ${r.destination} in ${r.transactionHash}`),
        onError: (e) => log(e.message),
      })
    }
    return { chains, accounts: DEVNET_ACCOUNTS, autorelayerAddress: autorelayAccount?.address, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
