/** Realistic stored histories for render benchmarks: valid message hashes, a mix of kinds and statuses. */
import { hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import { encodeFunctionData, getAddress, parseAbi, type Address, type Hex } from 'viem'

import { createMemoryStore } from '../../src/core/store/memoryStore'
import { exportHistory } from '../../src/core/store/serialize'
import type { MessageStatus, TrackedMessage } from '../../src/core/model/message'

const BRIDGE: Address = '0x4200000000000000000000000000000000000028'
const TOKEN: Address = '0x420beeF000000000000000000000000000000001'
const relayErc20 = parseAbi(['function relayERC20(address token, address from, address to, uint256 amount)'])
const STATUSES: MessageStatus[] = ['ready', 'relayed', 'finalized', 'initiated', 'failed', 'expired']

export function makeHistoryMessages(count: number, account: Address, now = Date.now()): TrackedMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const amount = BigInt(i + 1) * 10n ** 18n
    // Checksummed, as decoding a real message gives it (and as a history file's reader normalizes it).
    const to = getAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`)
    const message = encodeFunctionData({
      abi: relayErc20,
      functionName: 'relayERC20',
      args: [TOKEN, account, to, amount],
    })
    const fields = {
      source: 901n,
      destination: 902n,
      nonce: BigInt(i),
      sender: BRIDGE,
      target: BRIDGE,
      message,
    }
    const status = STATUSES[i % STATUSES.length]!
    const tx = `0x${(i + 1).toString(16).padStart(64, '0')}` as Hex
    return {
      hash: hashCrossDomainMessage({ ...fields, log: undefined as never }),
      source: 901,
      destination: 902,
      nonce: BigInt(i),
      sender: BRIDGE,
      target: BRIDGE,
      message,
      intent: { kind: 'erc20', token: TOKEN, from: account, to, amount, symbol: 'MOCK', decimals: 18 },
      sourceTransactionHash: tx,
      initiatingLog: {
        blockNumber: BigInt(100 + i),
        blockHash: tx,
        logIndex: 1,
        timestamp: BigInt(Math.floor(now / 1000) - i * 60),
        transactionHash: tx,
      },
      sourceSafety: 'finalized',
      status,
      ...(status === 'failed' ? { failure: { reason: 'ERC20InsufficientBalance(…)', at: now } } : {}),
      accounts: [account.toLowerCase() as Address],
      createdAt: now - i * 60_000,
      updatedAt: now - i * 60_000,
    } satisfies TrackedMessage
  })
}

export async function historyJson(count: number, account: Address): Promise<string> {
  const store = createMemoryStore()
  await store.upsertMany(makeHistoryMessages(count, account))
  return exportHistory(store)
}
