/** Expiry needs its own devnet: it moves a chain's clock 7 days forward. */
import { buildExecutingMessage, getCrossDomainMessages } from '@eth-optimism/viem/actions/interop'
import { BaseError, encodeFunctionData } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { l2ToL2CrossDomainMessengerAbi } from '../../src/core/protocol/abis'
import { L2_TO_L2_CROSS_DOMAIN_MESSENGER } from '../../src/core/protocol/addresses'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})

it('refuses a relay more than 7 days after the initiating timestamp', async () => {
  const receipt = await devnet.sendMock()
  const [message] = await getCrossDomainMessages(devnet.publicClient(901), { logs: receipt.logs })
  const params = await buildExecutingMessage(devnet.publicClient(901), { log: message!.log })
  await devnet.increaseTime(902, 604_800 + 5)
  const error = await devnet
    .walletClient(902)
    .sendTransaction({
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
    .then(
      () => undefined,
      (e: unknown) => e,
    )
  expect(error).toBeInstanceOf(BaseError)
  expect((error as BaseError).details).toMatch(/invalid executing message \(expired\).*resendMessage/)
})
