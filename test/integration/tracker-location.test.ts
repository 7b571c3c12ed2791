/**
 * A message's identity is its hash; its initiating log is only where it was last seen (docs/ARCHITECTURE.md §5).
 * On a real devnet: a reorg re-includes the transaction at another block and log index (above and past finality),
 * a reorg drops it for good, and someone else's resendMessage revives an expired message — each time the tracker
 * follows the message to its live log (or says it is gone), and a relay built from that log goes through.
 */
import { encodeFunctionData, type Address, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { MessageStatus, TrackedMessage } from '../../src/core/model/message'
import { describeLocationChange } from '../../src/core/model/location'
import { isRelayable } from '../../src/core/model/progress'
import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import type { Tracker } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker, relayApproved } from '../fixtures/tracker'

let devnet: TestDevnet
let tracker: Tracker

beforeAll(async () => {
  devnet = await startTestDevnet()
  ;({ tracker } = await createTestTracker(devnet))
})
afterAll(async () => {
  await devnet?.stop()
})

async function until(hash: Hex, done: (m: TrackedMessage) => boolean, what: string): Promise<TrackedMessage> {
  for (let i = 0; i < 80; i++) {
    await tracker.poll()
    const m = await tracker.getMessage(hash)
    if (m && done(m)) return m
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${hash} never ${what}: ${JSON.stringify((await tracker.getMessage(hash))?.status)}`)
}
const reaches = (hash: Hex, statuses: MessageStatus[]) =>
  until(hash, (m) => statuses.includes(m.status), `reached ${statuses.join('/')}`)

async function readyTransfer(to: Address = devnet.accounts[1].address): Promise<TrackedMessage> {
  const receipt = await devnet.sendMock({ amount: 0n, to })
  const [message] = await tracker.trackTransaction(901, receipt.transactionHash)
  return reaches(message!.hash, ['ready'])
}

describe('a reorg re-includes the transaction elsewhere', () => {
  it('above finality: the message follows it to its new block and log index, and relays from there', async () => {
    const message = await readyTransfer()
    const before = message.initiatingLog!
    const moved = await devnet.reorgReincluding(901, message.sourceTransactionHash, { move: 'both' })
    const after = await until(
      message.hash,
      (m) => m.initiatingLog?.blockHash !== undefined && m.initiatingLog.blockHash !== before.blockHash,
      'moved',
    )
    expect(after.initiatingLog).toMatchObject({
      blockNumber: moved.blockNumber,
      transactionHash: before.transactionHash,
    })
    expect(after.initiatingLog!.logIndex).not.toBe(before.logIndex)
    expect(after.locationChange).toMatchObject({
      cause: 'reorg',
      from: { blockNumber: before.blockNumber, logIndex: before.logIndex },
      to: { blockNumber: moved.blockNumber },
    })
    expect(describeLocationChange(after)).toMatch(
      new RegExp(`^Re-included at block ${moved.blockNumber} .*was block ${before.blockNumber}`),
    )
    // The relay's identifier is the live position: the devnet's interop filter would refuse the old one.
    const ready = await reaches(message.hash, ['ready'])
    const plan = await tracker.prepareRelay(ready.hash)
    expect(plan.id.blockNumber).toBe(moved.blockNumber)
    await relayApproved(tracker, message.hash)
    await reaches(message.hash, ['relayed', 'finalized'])
  })

  it('past finality: the finalized block changed, the chain is voided and the message re-located all the same', async () => {
    const message = await readyTransfer()
    const before = message.initiatingLog!
    await devnet.mine(901, 8) // its block is now finalized (anvil: finalized = latest − 4)
    await until(message.hash, (m) => m.sourceSafety === 'finalized', 'finalized on the source')
    const resets: number[] = []
    const off = tracker.subscribe((u) => void (u.type === 'chainReset' && resets.push(u.chainId)))
    const moved = await devnet.reorgReincluding(901, message.sourceTransactionHash, { move: 'block' })
    const after = await until(
      message.hash,
      (m) =>
        m.initiatingLog !== undefined &&
        m.initiatingLog.blockNumber === moved.blockNumber &&
        m.status === 'ready',
      'moved and ready',
    )
    off()
    // Seen as what it is: the finalized block changed under the same genesis (a reset of 901, caused by a reorg).
    expect(resets).toEqual([901])
    expect(after.locationChange).toMatchObject({ cause: 'reorg', to: { blockNumber: moved.blockNumber } })
    expect(before.blockNumber).not.toBe(moved.blockNumber)
    await relayApproved(tracker, message.hash)
    await reaches(message.hash, ['relayed', 'finalized'])
  })
})

describe('a reorg drops the transaction for good', () => {
  it('the message vanishes: never relayable, and the note says a reorg dropped it', async () => {
    const message = await readyTransfer(devnet.accounts[3].address)
    await devnet.reorg(901, { fromBlock: message.initiatingLog!.blockNumber })
    const gone = await reaches(message.hash, ['vanished'])
    expect(gone.locationChange?.cause).toBe('reorg')
    expect(describeLocationChange(gone)).toMatch(/a reorg dropped the transaction that sent it/)
    expect(isRelayable(gone)).toBe(false)
  })

  it('past finality: the first tick after the reorg no longer offers Relay for it', async () => {
    const message = await readyTransfer()
    await devnet.mine(901, 8) // its block is now finalized (anvil: finalized = latest − 4)
    await until(message.hash, (m) => m.sourceSafety === 'finalized', 'finalized on the source')
    await devnet.reorg(901, { fromBlock: message.initiatingLog!.blockNumber })
    await tracker.poll()
    expect(isRelayable((await tracker.getMessage(message.hash))!)).toBe(false)
    await reaches(message.hash, ['vanished'])
  })
})

describe('resendMessage by someone else', () => {
  it('an expired message is followed to the fresh log the resend emitted, and relays from it', async () => {
    const message = await readyTransfer()
    await devnet.increaseTime(902, 604_800 + 10)
    const expired = await reaches(message.hash, ['expired'])
    // Not through the tracker: anyone may resend, and the tracker must find the new log on its own.
    await devnet.increaseTime(901, 604_800 + 10)
    const resend = await devnet.walletClient(901, devnet.account(3)).sendTransaction({
      to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      data: encodeFunctionData({
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'resendMessage',
        args: [BigInt(expired.destination), expired.nonce, expired.sender, expired.target, expired.message],
      }),
      account: devnet.account(3),
      chain: devnet.chain(901).chain,
    })
    await devnet.publicClient(901).waitForTransactionReceipt({ hash: resend })
    const revived = await reaches(message.hash, ['ready'])
    expect(revived.initiatingLog?.transactionHash).toBe(resend)
    expect(revived.sourceTransactionHash).toBe(resend)
    expect(revived.locationChange).toMatchObject({ cause: 'resend' })
    expect(describeLocationChange(revived)).toMatch(/^Resent: now at block/)
    await relayApproved(tracker, message.hash)
    await reaches(message.hash, ['relayed', 'finalized'])
  })
})
