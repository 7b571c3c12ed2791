/**
 * The interop filter fails closed: when it cannot check a transaction's executing messages — here the source chain's
 * RPC is down — it refuses the transaction with `interop filter error`, and nothing is forwarded or mined.
 * Its own devnet: it stops a chain.
 */
import type { BaseError } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

let devnet: TestDevnet
beforeAll(async () => {
  devnet = await startTestDevnet({ blockTime: 0 })
})
afterAll(async () => {
  await devnet?.stop()
})

async function refusal(send: Promise<unknown>): Promise<string> {
  const nonce = () =>
    devnet.publicClient(902).getTransactionCount({ address: devnet.accounts[0].address, blockTag: 'pending' })
  const before = await nonce()
  const error = await send.then(
    () => undefined,
    (e: unknown) => e as BaseError,
  )
  expect(await nonce()).toBe(before)
  return error?.details ?? 'accepted'
}

it('refuses a relay whose source chain cannot be reached, and checks it again once the source is back', async () => {
  const message = await devnet.executingMessage(await devnet.sendMock())
  await devnet.increaseTime(902, 2)

  await devnet.stopChain(901)
  expect(await refusal(devnet.sendRelay(message))).toMatch(
    /^interop filter error: could not check the transaction's executing messages: .*; the transaction was refused, not forwarded$/,
  )

  // The source is back, but as a new chain: the initiating log no longer exists there.
  await devnet.startChain(901)
  expect(await refusal(devnet.sendRelay(message))).toMatch(/^invalid executing message \(initiating-log\)/)
})

it('reports the refusal as a JSON-RPC error with data.check = filter-error', async () => {
  const message = await devnet.executingMessage(await devnet.sendMock())
  await devnet.increaseTime(902, 2)
  await devnet.stopChain(901)
  try {
    const raw = await devnet.walletClient(902).signTransaction(
      (await devnet.walletClient(902).prepareTransactionRequest({
        to: message.id.origin,
        accessList: message.accessList,
        gas: 100_000n,
        account: devnet.account(0),
        chain: devnet.chain(902).chain,
      })) as never,
    )
    const response = await fetch(devnet.chain(902).rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'eth_sendRawTransaction', params: [raw] }),
    })
    expect(await response.json()).toMatchObject({
      id: 7,
      error: {
        code: -32000,
        message: expect.stringMatching(/^interop filter error/),
        data: { check: 'filter-error' },
      },
    })
  } finally {
    await devnet.startChain(901)
  }
})
