/**
 * The autorelayer the trackers race: like the devnet's `--autorelay` (and Supersim's), but only for the messages the
 * scenario hands it, each after a random delay, from its own account — so about half the messages are relayed by
 * someone else, sometimes while our relayer is preparing or sending the same relay.
 */
import { encodeFunctionData, type Hex, type TransactionReceipt } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'

import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import type { TestDevnet } from '../fixtures/devnet'

/** anvil's default mnemonic; account #7 is used by nothing else in the repo. */
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'
export const racerAccount = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 7 })

export interface Racer {
  /** Relay this message (sent in `receipt`) after `delayMs`, unless someone did already. */
  schedule(hash: Hex, receipt: TransactionReceipt, source: number, destination: number, delayMs: number): void
  /** Forget everything scheduled (a restart: those messages are gone). */
  cancelAll(): void
  /** Wait for relays in progress. */
  settle(): Promise<void>
  readonly relayed: number
}

export function createRacer(devnet: TestDevnet): Racer {
  let generation = 0
  let relayed = 0
  const running = new Set<Promise<void>>()
  const timers = new Set<ReturnType<typeof setTimeout>>()

  async function attempt(hash: Hex, receipt: TransactionReceipt, source: number, destination: number) {
    const client = devnet.anvilClient(destination)
    for (let tries = 0; tries < 4; tries++) {
      const done = await client.readContract({
        address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'successfulMessages',
        args: [hash],
      })
      if (done) return
      try {
        const { id, payload, accessList } = await devnet.executingMessage(receipt, source)
        await devnet.walletClient(destination, racerAccount as never).sendTransaction({
          to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
          data: encodeFunctionData({
            abi: l2ToL2CrossDomainMessengerAbi,
            functionName: 'relayMessage',
            args: [id, payload],
          }),
          accessList,
          gas: 500_000n,
          account: racerAccount,
          chain: devnet.chain(destination).chain,
        })
        relayed += 1
        return
      } catch {
        // Too early for the interop filter, or the message is gone: try again a little later, then give up.
        await new Promise((r) => setTimeout(r, 1_000))
      }
    }
  }

  return {
    schedule(hash, receipt, source, destination, delayMs) {
      const mine = generation
      const timer = setTimeout(() => {
        timers.delete(timer)
        if (mine !== generation) return
        const task = attempt(hash, receipt, source, destination)
          .catch(() => undefined)
          .finally(() => running.delete(task))
        running.add(task)
      }, delayMs)
      timers.add(timer)
    },
    cancelAll() {
      generation += 1
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
    async settle() {
      await Promise.all([...running])
    },
    get relayed() {
      return relayed
    },
  }
}
