/**
 * duplicateRelays, counted from the chains: every `relayMessage` transaction our relayers sent (the Node tracker's
 * key, the extension's relay account) — mined, reverted (`MessageAlreadyRelayed` included) or still waiting in the
 * node's pool — grouped by the message hash its payload carries. More than one for a hash is a duplicate. The
 * destination's blocks are scanned as they come and once more before a restart wipes them.
 */
import {
  decodeAbiParameters,
  decodeFunctionData,
  encodeAbiParameters,
  keccak256,
  sliceHex,
  type Address,
  type Hex,
} from 'viem'

import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import type { TestDevnet } from '../fixtures/devnet'

/** The message hash a relayMessage(id, payload) call executes: the payload is SentMessage's topics, then its data. */
export function relayedHash(input: Hex): Hex | undefined {
  let args: readonly unknown[]
  try {
    const call = decodeFunctionData({ abi: l2ToL2CrossDomainMessengerAbi, data: input })
    if (call.functionName !== 'relayMessage') return undefined
    args = call.args as readonly unknown[]
  } catch {
    return undefined
  }
  const id = args[0] as { chainId: bigint }
  const payload = args[1] as Hex
  const word = (i: number) => BigInt(sliceHex(payload, 32 * i, 32 * (i + 1)))
  const [destination, target, nonce] = [word(1), sliceHex(payload, 64 + 12, 96), word(3)]
  const [sender, message] = decodeAbiParameters(
    [{ type: 'address' }, { type: 'bytes' }],
    sliceHex(payload, 128),
  )
  return keccak256(
    encodeAbiParameters(
      [
        { type: 'uint256' },
        { type: 'uint256' },
        { type: 'uint256' },
        { type: 'address' },
        { type: 'address' },
        { type: 'bytes' },
      ],
      [destination, id.chainId, nonce, sender, target as Address, message],
    ),
  )
}

export class RelayLedger {
  /**
   * `<epoch>:<message hash>` → our relay transactions for it. The epoch counts restarts: after one, the same hash
   * can be sent again (nonces start over) and relayed again, legitimately, on the new chain.
   */
  readonly sent = new Map<string, Set<Hex>>()
  private epoch = 0
  private readonly ours: Set<string>
  /** Next block to scan, per chain. */
  private readonly cursor = new Map<number, bigint>()

  constructor(
    private readonly devnet: TestDevnet,
    relayers: Address[],
  ) {
    this.ours = new Set(relayers.map((a) => a.toLowerCase()))
  }

  addRelayer(address: Address): void {
    this.ours.add(address.toLowerCase())
  }

  private record(tx: { from: Address; to?: Address | null; input: Hex; hash: Hex }): void {
    if (!this.ours.has(tx.from.toLowerCase())) return
    if (tx.to?.toLowerCase() !== L2_TO_L2_CROSS_DOMAIN_MESSENGER.toLowerCase()) return
    const hash = relayedHash(tx.input)
    if (!hash) return
    const key = `${this.epoch}:${hash.toLowerCase()}`
    const set = this.sent.get(key) ?? new Set<Hex>()
    set.add(tx.hash.toLowerCase() as Hex)
    this.sent.set(key, set)
  }

  /** Scan every chain's new blocks, and what waits in its pool. */
  async catchUp(): Promise<void> {
    for (const { id } of this.devnet.chains) {
      const client = this.devnet.anvilClient(id)
      const head = await client.getBlockNumber()
      for (let n = this.cursor.get(id) ?? 0n; n <= head; n++) {
        const block = await client.getBlock({ blockNumber: n, includeTransactions: true })
        for (const tx of block.transactions) this.record(tx)
      }
      this.cursor.set(id, head + 1n)
      const pool = (await client.request({ method: 'txpool_content' as never })) as {
        pending?: Record<string, Record<string, { from: Address; to: Address; input: Hex; hash: Hex }>>
        queued?: Record<string, Record<string, { from: Address; to: Address; input: Hex; hash: Hex }>>
      }
      for (const byNonce of [...Object.values(pool.pending ?? {}), ...Object.values(pool.queued ?? {})]) {
        for (const tx of Object.values(byNonce)) this.record(tx)
      }
    }
  }

  /** A restart is coming: everything before it was scanned (call `catchUp` first); the new chains start at 0. */
  restarted(): void {
    this.cursor.clear()
    this.epoch += 1
  }

  /** Message hashes our relayers sent more than one transaction for. */
  duplicates(): { hash: Hex; epoch: number; transactions: Hex[] }[] {
    return [...this.sent]
      .filter(([, txs]) => txs.size > 1)
      .map(([key, txs]) => {
        const [epoch, hash] = key.split(':') as [string, Hex]
        return { hash, epoch: Number(epoch), transactions: [...txs] }
      })
  }

  /** How many relay transactions our relayers sent in all. */
  get transactions(): number {
    return [...this.sent.values()].reduce((n, txs) => n + txs.size, 0)
  }
}
