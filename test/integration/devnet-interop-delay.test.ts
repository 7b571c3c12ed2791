/** --interop-delay: a message may not execute until that many seconds after its initiating block. */
import { buildExecutingMessage, getCrossDomainMessages } from '@eth-optimism/viem/actions/interop'
import { encodeFunctionData, type BaseError } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet({ interopDelay: 30 })
})
afterAll(async () => {
  await devnet?.stop()
})

it('refuses a relay before the interop delay and accepts it after', async () => {
  const receipt = await devnet.sendMock()
  const [message] = await getCrossDomainMessages(devnet.publicClient(901), { logs: receipt.logs })
  const params = await buildExecutingMessage(devnet.publicClient(901), { log: message!.log })
  const relay = () =>
    devnet.walletClient(902).sendTransaction({
      to: L2_TO_L2_CROSS_DOMAIN_MESSENGER,
      data: encodeFunctionData({
        abi: l2ToL2CrossDomainMessengerAbi,
        functionName: 'relayMessage',
        args: [params.id, params.payload],
      }),
      accessList: params.accessList,
      gas: 500_000n,
      account: devnet.account(0),
      chain: devnet.chain(902).chain,
    })
  // Past the initiating timestamp (so only the delay is in the way), but well within the 30 s.
  await devnet.increaseTime(902, 2)
  const early = await relay().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect((early as BaseError).details).toMatch(
    /invalid executing message \(interop-delay\): the interop delay of 30 s/,
  )

  await devnet.increaseTime(902, 31)
  const late = await relay()
  expect((await devnet.publicClient(902).waitForTransactionReceipt({ hash: late })).status).toBe('success')
})
