/**
 * `--messenger 2`: the proposed L2ToL2CrossDomainMessenger 2.0.0 on every chain. No resendMessage; a message left
 * unrelayed for its 8-day EXPIRY_PERIOD can be marked expired on its source by the L1 path (on the devnet: the L1
 * stand-in account), which emits MessageExpired. The interop filter's window stays the protocol's 7 days, so by then
 * no relay of the message can be valid any more.
 */
import { getCrossDomainMessages } from '@eth-optimism/viem/actions/interop'
import { hashCrossDomainMessage } from '@eth-optimism/viem/utils/interop'
import {
  BaseError,
  ContractFunctionRevertedError,
  parseAbi,
  parseEventLogs,
  type Hex,
  type TransactionReceipt,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEVNET_L1_STAND_IN } from '../../devnet'
import { artifacts } from '../../devnet/contracts/artifacts'
import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

const EIGHT_DAYS = 8n * 24n * 3600n
const SEVEN_DAYS = 7n * 24n * 3600n

const messenger2Abi = parseAbi([
  'function version() view returns (string)',
  'function EXPIRY_PERIOD() view returns (uint256)',
  'function sentMessageTimestamps(bytes32) view returns (uint256)',
  'function expiredMessages(bytes32) view returns (bool)',
  'function expireMessage(bytes32 messageHash, uint256 undeliveredAt)',
  'event MessageExpired(bytes32 indexed messageHash, uint256 undeliveredAt)',
  'error InvalidMessage()',
  'error L2ToL2CrossDomainMessenger_NotOtherMessenger()',
  'error L2ToL2CrossDomainMessenger_MessageNotExpired()',
])

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet({ messenger: 2, blockTime: 0 })
})
afterAll(async () => {
  await devnet?.stop()
})

const read = <T>(chainId: number, functionName: string, args: unknown[] = []) =>
  devnet.publicClient(chainId).readContract({
    address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
    abi: messenger2Abi,
    functionName,
    args,
  } as never) as Promise<T>

function revertName(error: unknown): string {
  const revert =
    error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined
  return revert instanceof ContractFunctionRevertedError
    ? (revert.data?.errorName ?? revert.reason ?? 'no reason')
    : String(error)
}

/** A transfer 901 → 902: its message hash and the timestamp of the block that sent it. */
async function sent(): Promise<{ receipt: TransactionReceipt; messageHash: Hex; sentAt: bigint }> {
  const receipt = await devnet.sendMock()
  const [message] = await getCrossDomainMessages(devnet.publicClient(901), { logs: receipt.logs })
  const sentAt = (await devnet.publicClient(901).getBlock({ blockNumber: receipt.blockNumber })).timestamp
  return { receipt, messageHash: hashCrossDomainMessage(message!), sentAt }
}

/** The next block of chain `id` gets exactly `timestamp` (automine: the filter's executing timestamp is that). */
const nextBlockAt = (id: number, timestamp: bigint) =>
  devnet.publicClient(id).request({
    method: 'evm_setNextBlockTimestamp' as never,
    params: [Number(timestamp)] as never,
  })

describe('--messenger 2', () => {
  it('version() answers per flag: 2.0.0 on every chain here, 1.3.0 by default', async () => {
    expect(devnet.messenger).toBe(2)
    for (const id of [901, 902]) {
      expect(await read(id, 'version')).toBe('2.0.0')
      expect(await read(id, 'EXPIRY_PERIOD')).toBe(EIGHT_DAYS)
    }
    const v1 = await startTestDevnet({ blockTime: 0 })
    try {
      expect(v1.messenger).toBe(1)
      expect(
        await v1.publicClient(901).readContract({
          address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
          abi: messenger2Abi,
          functionName: 'version',
        }),
      ).toBe('1.3.0')
    } finally {
      await v1.stop()
    }
  })

  it('has no resendMessage', async () => {
    expect(
      artifacts.L2ToL2CrossDomainMessengerV2.abi.some(
        (item) => 'name' in item && item.name === 'resendMessage',
      ),
    ).toBe(false)
    const { receipt } = await sent()
    const [message] = await getCrossDomainMessages(devnet.publicClient(901), { logs: receipt.logs })
    const resend = await devnet
      .publicClient(901)
      .simulateContract({
        address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'resendMessage',
        args: [message!.destination, message!.nonce, message!.sender, message!.target, message!.message],
        account: devnet.accounts[0].address,
      })
      .then(
        () => 'succeeded',
        (e: unknown) => (e instanceof BaseError ? 'reverted' : String(e)),
      )
    expect(resend).toBe('reverted')
  })

  it('sends and relays as 1.3.0 does, and records when each message was sent', async () => {
    const { receipt, messageHash, sentAt } = await sent()
    expect(await read(901, 'sentMessageTimestamps', [messageHash])).toBe(sentAt)
    const params = await devnet.executingMessage(receipt)
    await devnet.increaseTime(902, 2)
    const relay = await devnet
      .publicClient(902)
      .waitForTransactionReceipt({ hash: await devnet.sendRelay(params) })
    expect(relay.status).toBe('success')
    const [relayed] = parseEventLogs({
      abi: l2ToL2CrossDomainMessengerAbi,
      eventName: 'RelayedMessage',
      logs: relay.logs,
    })
    expect(relayed?.args.messageHash).toBe(messageHash)
    // A relayed message cannot be expired: the devnet's L1 path checks the destination first.
    await expect(devnet.expireMessage({ messageHash })).rejects.toThrow(
      /was relayed on chain 902: it cannot expire/,
    )
  })
})

describe('messenger 2.0.0: expiry', () => {
  it('refuses a relay after the 7-day window: 2.0.0 does not lengthen it', async () => {
    const { receipt, sentAt } = await sent()
    const params = await devnet.executingMessage(receipt)
    await nextBlockAt(902, sentAt + SEVEN_DAYS + 1n)
    const refusal = await devnet.sendRelay(params).then(
      () => 'accepted',
      (e: BaseError) => e.details,
    )
    expect(refusal).toMatch(
      /^invalid executing message \(expired\): .*messenger 2\.0\.0 has no resendMessage/,
    )
  })

  it('lets only the L1 stand-in expire a message, strictly after 8 days, once; a later relay is refused', async () => {
    const { receipt, messageHash, sentAt } = await sent()
    const params = await devnet.executingMessage(receipt)
    const expire = (undeliveredAt: bigint) => devnet.expireMessage({ messageHash, undeliveredAt })
    const expireAsUser = (undeliveredAt: bigint) =>
      devnet.publicClient(901).simulateContract({
        address: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
        abi: messenger2Abi,
        functionName: 'expireMessage',
        args: [messageHash, undeliveredAt],
        account: devnet.accounts[0].address,
      })

    // Anyone but the L1 path is refused, whatever the timing.
    expect(await expireAsUser(sentAt + EIGHT_DAYS + 1n).then(() => 'ok', revertName)).toBe(
      'L2ToL2CrossDomainMessenger_NotOtherMessenger',
    )
    // The boundary: unrelayed AT sentAt + 8 days is not yet expired; one second later it is.
    expect(await expire(sentAt + EIGHT_DAYS).then(() => 'ok', revertName)).toBe(
      'L2ToL2CrossDomainMessenger_MessageNotExpired',
    )
    expect(await read(901, 'expiredMessages', [messageHash])).toBe(false)
    const expired = await expire(sentAt + EIGHT_DAYS + 1n)
    expect(
      parseEventLogs({ abi: messenger2Abi, eventName: 'MessageExpired', logs: expired.logs }),
    ).toMatchObject([{ args: { messageHash, undeliveredAt: sentAt + EIGHT_DAYS + 1n } }])
    expect(await read(901, 'expiredMessages', [messageHash])).toBe(true)
    // Word about a message already expired changes nothing and emits nothing.
    const again = await expire(sentAt + EIGHT_DAYS + 5n)
    expect(parseEventLogs({ abi: messenger2Abi, eventName: 'MessageExpired', logs: again.logs })).toEqual([])

    // On the destination, by now, the relay is out of the window: refused, never mined.
    await nextBlockAt(902, sentAt + EIGHT_DAYS + 2n)
    const refusal = await devnet.sendRelay(params).then(
      () => 'accepted',
      (e: BaseError) => e.details,
    )
    expect(refusal).toMatch(/^invalid executing message \(expired\)/)
  })

  it('the devnet helper takes the destination’s clock as undeliveredAt, as the L1 proof would', async () => {
    const { messageHash, sentAt } = await sent()
    await nextBlockAt(902, sentAt + EIGHT_DAYS + 10n)
    await devnet.mine(902)
    const expired = await devnet.expireMessage({ messageHash })
    expect(
      parseEventLogs({ abi: messenger2Abi, eventName: 'MessageExpired', logs: expired.logs })[0]?.args,
    ).toEqual({
      messageHash,
      undeliveredAt: sentAt + EIGHT_DAYS + 10n,
    })
    // The stand-in is what the contract trusts.
    expect(expired.from.toLowerCase()).toBe(DEVNET_L1_STAND_IN.address.toLowerCase())
  })

  it('refuses to expire a message this chain never sent', async () => {
    const unknown = `0x${'ab'.repeat(32)}` as Hex
    expect(
      await devnet
        .expireMessage({ messageHash: unknown, undeliveredAt: 2n ** 40n })
        .then(() => 'ok', revertName),
    ).toBe('InvalidMessage')
  })
})
