/**
 * Poller cost per tick with 1, 100 and 1,000 tracked messages on 2 chains, against the naive way (one
 * `getCrossDomainMessageStatus` per message, all in parallel), measured in the same run on the same devnet.
 */
import { getCrossDomainMessageStatus } from '@eth-optimism/viem/actions/interop'
import { createPublicClient, custom, encodeFunctionData, http, parseAbi, type Hex } from 'viem'

import { startDevnet } from '../../devnet'
import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER, MULTICALL3 } from '../../src/core/protocol/addresses'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import { createTracker } from '../../src/core/tracker/tracker'
import { median, type BenchRow } from './report'
import { createWalletClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

const multicallAbi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'function aggregate3(Call3[] calls) payable returns ((bool success, bytes returnData)[])',
])

export async function benchPoller(ticks = 5): Promise<BenchRow[]> {
  const devnet = await startDevnet({ freePorts: true, blockTime: 0 })
  const rows: BenchRow[] = []
  try {
    const [a, b] = devnet.chains as [(typeof devnet.chains)[0], (typeof devnet.chains)[0]]
    const account = privateKeyToAccount(devnet.accounts[0].privateKey)
    const wallet = createWalletClient({ account, chain: a.chain, transport: http(a.rpcUrl) })
    const reader = createPublicClient({ chain: a.chain, transport: http(a.rpcUrl) })

    /** Send `count` generic messages 901 → 902 in batches of 100 through Multicall3; returns the tx hashes. */
    async function sendMessages(count: number): Promise<Hex[]> {
      const hashes: Hex[] = []
      for (let sent = 0; sent < count; sent += 100) {
        const n = Math.min(100, count - sent)
        const calls = Array.from({ length: n }, (_, i) => ({
          target: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
          allowFailure: false,
          callData: encodeFunctionData({
            abi: l2ToL2CrossDomainMessengerAbi,
            functionName: 'sendMessage',
            args: [
              BigInt(b.id),
              '0x000000000000000000000000000000000000dEaD',
              `0x${(sent + i).toString(16).padStart(8, '0')}`,
            ],
          }),
        }))
        const hash = await wallet.writeContract({
          address: MULTICALL3,
          abi: multicallAbi,
          functionName: 'aggregate3',
          args: [calls],
          gas: 25_000_000n,
        })
        await reader.waitForTransactionReceipt({ hash })
        hashes.push(hash)
      }
      return hashes
    }

    for (const count of [1, 100, 1000]) {
      const tracker = await createTracker({
        store: createMemoryStore(),
        defaultChains: devnet.chains.map((c) => ({
          id: c.id,
          name: c.name,
          rpcUrl: c.rpcUrl,
          nativeSymbol: 'ETH',
        })),
        verifyChains: false,
      })
      for (const hash of await sendMessages(count)) await tracker.trackTransaction(a.id, hash)
      const messages = await tracker.listMessages()
      await tracker.poll() // first tick settles statuses
      const times: number[] = []
      let requests = 0
      for (let i = 0; i < ticks; i++) {
        const started = performance.now()
        const report = await tracker.poll()
        times.push(performance.now() - started)
        requests = Object.values(report.requests).reduce((x, y) => x + y, 0)
      }

      // The naive way: one status call per message (getChainId + successfulMessages each).
      let naiveRequests = 0
      const inner = http(b.rpcUrl)({ chain: b.chain })
      const counted = createPublicClient({
        chain: b.chain,
        cacheTime: 0,
        transport: custom({ request: (args) => (naiveRequests++, inner.request(args)) }),
      })
      const naiveTimes: number[] = []
      for (let i = 0; i < ticks; i++) {
        naiveRequests = 0
        const started = performance.now()
        await Promise.all(
          messages.map((m) =>
            getCrossDomainMessageStatus(counted, {
              message: {
                source: BigInt(m.source),
                destination: BigInt(m.destination),
                nonce: m.nonce,
                sender: m.sender,
                target: m.target,
                message: m.message,
                log: undefined as never,
              },
            }),
          ),
        )
        naiveTimes.push(performance.now() - started)
      }
      const ours = median(times)
      const naive = median(naiveTimes)
      rows.push({
        id: `poller.httpRequests.tick.${count}`,
        group: 'poller',
        name: `${count} msgs: requests per tick`,
        value: requests,
        unit: 'req',
        note: `naive ${naiveRequests} req (naive/ours ${(naiveRequests / requests).toFixed(1)}×)`,
      })
      rows.push({
        id: `poller.tickMs.${count}`,
        group: 'poller',
        name: `${count} msgs: wall time per tick (median of ${ticks})`,
        value: ours,
        unit: 'ms',
        note: `naive ${naive.toFixed(1)} ms (naive/ours ${(naive / ours).toFixed(1)}×)`,
      })
    }
  } finally {
    await devnet.stop()
  }
  return rows
}
