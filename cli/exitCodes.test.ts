import { parseArgs } from 'node:util'

import { HttpRequestError, TimeoutError } from 'viem'
import { describe, expect, it } from 'vitest'

import {
  ChainIdMismatchError,
  InvalidChainConfigError,
  RpcUnreachableError,
  UnknownChainError,
} from '../src/core/chains/errors'
import {
  InvalidTransactionHashError,
  NoCrossChainMessageError,
  TransactionUnknownError,
} from '../src/core/discovery/fromTransaction'
import { InitiatingLogNotFoundError, MessageExpiredError } from '../src/core/relay/prepare'
import { erc20Transfer } from '../src/core/store/messageFixtures.test-helper'
import {
  InvalidAccountError,
  RelaySimulationFailedError,
  UnknownMessageError,
} from '../src/core/tracker/tracker'
import { CliError, describeError, EXIT, EXIT_CODES_HELP, exitCodeFor, UsageError } from './exitCodes'
import { StateFileError } from './fileStore'

const HASH = `0x${'ab'.repeat(32)}` as const

function refused(url: string): HttpRequestError {
  const cause = Object.assign(new Error('fetch failed'), {
    cause: new Error('connect ECONNREFUSED 127.0.0.1:9547'),
  })
  return new HttpRequestError({ url, cause })
}

describe('exitCodeFor', () => {
  it.each([
    ['a usage error', new UsageError('x'), EXIT.usage],
    ['a bad account', new InvalidAccountError('0x1'), EXIT.usage],
    ['a bad tx hash', new InvalidTransactionHashError('0x1'), EXIT.usage],
    ['a bad chain config', new InvalidChainConfigError('rpcUrl', 'must be a URL'), EXIT.usage],
    ['an unconfigured chain', new UnknownChainError(903, [901, 902]), EXIT.usage],
    ['an unknown message', new UnknownMessageError(HASH), EXIT.notFound],
    ['an unknown tx', new TransactionUnknownError(901, HASH), EXIT.notFound],
    ['a tx without messages', new NoCrossChainMessageError(901, HASH), EXIT.notFound],
    ['an unreachable RPC', new RpcUnreachableError('http://x', 'refused'), EXIT.rpc],
    ['a chain id mismatch', new ChainIdMismatchError('http://x', 901, 902), EXIT.rpc],
    ['a failed HTTP request', refused('http://127.0.0.1:9547'), EXIT.rpc],
    ['a timeout', new TimeoutError({ body: {}, url: 'http://x' }), EXIT.rpc],
    ['a reverting simulation', new RelaySimulationFailedError(HASH, 'Boom()'), EXIT.relayRefused],
    ['an expired message', new MessageExpiredError(HASH, 901), EXIT.relayRefused],
    ['a reorged message', new InitiatingLogNotFoundError(erc20Transfer(), 'gone'), EXIT.relayRefused],
    ['a declined relay', new CliError('cancelled', EXIT.relayRefused), EXIT.relayRefused],
    ['a corrupt state file', new StateFileError('/s.json', 'is not valid JSON'), EXIT.unexpected],
    ['anything else', new Error('boom'), EXIT.unexpected],
    ['a thrown string', 'boom', EXIT.unexpected],
  ])('%s', (_name, error, code) => {
    expect(exitCodeFor(error)).toBe(code)
  })

  it('maps parseArgs errors to usage', () => {
    let error: unknown
    try {
      parseArgs({ args: ['--nope'], options: {}, strict: true })
    } catch (e) {
      error = e
    }
    expect(exitCodeFor(error)).toBe(EXIT.usage)
  })

  it('finds an RPC failure wrapped in another error', () => {
    expect(exitCodeFor(new Error('polling failed', { cause: refused('http://x') }))).toBe(EXIT.rpc)
  })

  it('documents every code in the help text', () => {
    for (const code of Object.values(EXIT)) expect(EXIT_CODES_HELP).toMatch(new RegExp(`^  ${code}  `, 'm'))
  })
})

describe('describeError', () => {
  it("says which RPC failed and why, instead of viem's multi-line report", () => {
    expect(describeError(refused('http://127.0.0.1:9547'))).toBe(
      'RPC http://127.0.0.1:9547 is unreachable: connect ECONNREFUSED 127.0.0.1:9547',
    )
    expect(describeError(new TimeoutError({ body: {}, url: 'http://x' }))).toBe(
      'RPC http://x is unreachable: timed out',
    )
  })

  it("keeps core's wording, on one line, without viem's version footer", () => {
    const line = describeError(new UnknownMessageError(HASH))
    expect(line).toBe(`no tracked message with hash ${HASH}: track its source transaction first`)
    expect(describeError(new RelaySimulationFailedError(HASH, 'Boom()'))).not.toMatch(/\n|Version/)
  })

  it('tells how to add a chain that is not configured', () => {
    expect(describeError(new UnknownChainError(903, [901, 902]))).toMatch(/Add it with --rpc <id>=<url>\.$/)
  })
})
