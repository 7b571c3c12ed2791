/** Account-scan throughput: blocks scanned per second over 10,000 blocks, with a few of the account's messages in them. */
import { sendSuperchainERC20 } from '@eth-optimism/viem/actions/interop'
import { createPublicClient, createWalletClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

import { startDevnet } from '../../devnet'
import { scanAccount } from '../../src/core/discovery/accountScan'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import type { BenchRow } from './report'

export async function benchAccountScan(blocks = 10_000): Promise<BenchRow[]> {
  const devnet = await startDevnet({ freePorts: true, blockTime: 0 })
  try {
    const a = devnet.chains[0]!
    const account = privateKeyToAccount(devnet.accounts[0].privateKey)
    const client = createPublicClient({ chain: a.chain, transport: http(a.rpcUrl), cacheTime: 0 })
    // anvil mines empty blocks ever more slowly as its chain grows (≈80 s for 10k here): setup, not measured.
    const miner = createPublicClient({ chain: a.chain, transport: http(a.anvilUrl, { timeout: 300_000 }) })
    const wallet = createWalletClient({ account, chain: a.chain, transport: http(a.rpcUrl) })
    const messages = 5
    for (let i = 0; i < messages; i++) {
      const hash = await sendSuperchainERC20(wallet, {
        tokenAddress: '0x420beeF000000000000000000000000000000001',
        to: account.address,
        amount: 0n,
        chainId: 902,
      })
      await client.waitForTransactionReceipt({ hash })
      await miner.request({
        method: 'anvil_mine' as never,
        params: [`0x${Math.floor(blocks / messages).toString(16)}`] as never,
      })
    }
    let requests = 0
    const counting = createPublicClient({
      chain: a.chain,
      cacheTime: 0,
      transport: http(a.rpcUrl, { onFetchRequest: () => void requests++ }),
    })
    const latest = await client.getBlockNumber()
    const store = createMemoryStore()
    const started = performance.now()
    const result = await scanAccount({
      client: counting,
      chainId: a.id,
      account: account.address,
      store,
      startBlock: 0n,
    })
    const elapsed = performance.now() - started
    if (result.found !== messages)
      throw new Error(`scan found ${result.found} messages, expected ${messages}`)
    return [
      {
        id: 'scan.blocksPerSecond',
        group: 'account scan',
        name: `${latest} blocks: throughput`,
        value: Number(latest) / (elapsed / 1000),
        unit: 'blocks/s',
        note: `${elapsed.toFixed(0)} ms, ${messages} messages found`,
      },
      {
        id: 'scan.httpRequests',
        group: 'account scan',
        name: `${latest} blocks: HTTP requests`,
        value: requests,
        unit: 'req',
        note: `final range ${result.cursor.rangeSize} blocks`,
      },
    ]
  } finally {
    await devnet.stop()
  }
}
