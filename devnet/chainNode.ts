/**
 * One devnet chain's processes: an anvil and, in front of it, the validating proxy that runs the interop filter.
 * A node keeps its ports across restarts, and each new genesis gets a later timestamp than the one it replaces, so
 * a restarted chain's block hashes differ from the old ones even within the same second.
 */
import type { PublicClient } from 'viem'

import { startAnvil, type AnvilInstance } from './anvil'
import type { MessengerVersion } from './contracts/artifacts'
import { createInteropFilter } from './interopFilter'
import { getFreePort, isPortFree } from './ports'
import { installPredeploys } from './predeploys'
import { startValidatingProxy, type ValidatingProxy } from './proxy'

export interface ChainNode {
  id: number
  index: number
  proxyPort: number
  anvilPort: number
  anvil?: AnvilInstance
  proxy?: ValidatingProxy
  /** Genesis timestamp of the chain's last start, so that the next start gets a later one. */
  genesisTimestamp?: bigint
}

/** What every node of one devnet starts with. */
export interface NodeSetup {
  ids: readonly number[]
  blockTime: number
  slotsInAnEpoch: number
  interopDelay: number
  messageExpiry: number
  messenger: MessengerVersion
  dependencySets: Record<number, number[]> | undefined
  /** Straight to each anvil, by chain id (the filter reads the source chains through these). */
  clients: Map<number, PublicClient>
  /** Accounts funded on every chain besides anvil's own. */
  funded: `0x${string}`[]
  log: (line: string) => void
}

/** Proxy ports from `port` upwards (refusing a taken one by name) or from the OS; anvil's always from the OS. */
export async function allocateNodes(
  ids: readonly number[],
  options: { freePorts?: boolean | undefined; port?: number | undefined },
): Promise<ChainNode[]> {
  const nodes: ChainNode[] = []
  for (const [index, id] of ids.entries()) {
    if (options.freePorts) {
      nodes.push({ id, index, proxyPort: await getFreePort(), anvilPort: await getFreePort() })
    } else {
      const proxyPort = (options.port ?? 9545) + index
      if (!(await isPortFree(proxyPort))) {
        throw new Error(
          `port ${proxyPort} is already in use (another devnet or Supersim?): stop it or pass --port`,
        )
      }
      nodes.push({ id, index, proxyPort, anvilPort: await getFreePort() })
    }
  }
  return nodes
}

export async function startNode(node: ChainNode, setup: NodeSetup): Promise<void> {
  const now = BigInt(Math.floor(Date.now() / 1000))
  const previous = node.genesisTimestamp
  node.anvil = await startAnvil({
    chainId: node.id,
    port: node.anvilPort,
    blockTime: setup.blockTime,
    slotsInAnEpoch: setup.slotsInAnEpoch,
    genesisTimestamp: previous === undefined ? undefined : previous >= now ? previous + 1n : now,
  })
  const client = setup.clients.get(node.id)!
  node.genesisTimestamp = (await client.getBlock({ blockNumber: 0n })).timestamp
  await installPredeploys(client, setup.funded, setup.messenger)
  node.proxy = await startValidatingProxy({
    chainId: node.id,
    port: node.proxyPort,
    upstreamUrl: node.anvil.url,
    filter: createInteropFilter({
      chainId: node.id,
      upstream: client,
      clients: setup.clients,
      dependencySet: new Set(setup.dependencySets?.[node.id] ?? [...setup.ids]),
      interopDelay: setup.interopDelay,
      messageExpiry: setup.messageExpiry,
      messengerVersion: setup.messenger,
    }),
    onRefused: (reason) => setup.log(`chain ${node.id}: refused a transaction: ${reason}`),
  })
}

export async function stopNode(node: ChainNode): Promise<void> {
  await node.proxy?.close()
  await node.anvil?.stop()
  node.proxy = undefined
  node.anvil = undefined
}
