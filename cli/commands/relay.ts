/**
 * `relay <messageHash>`: relay a message yourself with a local key from the environment. Shows the plan core
 * re-derives from the source chain, asks before signing, then waits until the relay is seen on chain.
 *
 * Outcomes: relayed (0), already relayed by anyone (0: the user's goal is met), refused before anything was sent
 * or reverted on chain (5), not confirmed in time (1: the tx may still land; `status` will tell).
 */
import { createInterface } from 'node:readline/promises'

import { formatEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

import {
  AlreadyRelayedError,
  approvalOf,
  findError,
  formatAmount,
  maxTransactionCost,
  PlanChangedError,
  type RelayPlan,
  RelaySimulationFailedError,
  shortAddress,
  SpendingCapExceededError,
  type TrackedMessage,
  UnknownMessageError,
} from '../../src/core'

import { PRIVATE_KEY_ENV, readPrivateKey, type GlobalOptions, type RelayArgs } from '../args'
import { openContext, requireChain, SPENDING_CAP_REMEDY, verifyChains, type CliContext } from '../context'
import { CliError, EXIT, UsageError, type ExitCode } from '../exitCodes'
import { routeText } from '../format'
import { createOutput, type CliIo, type Output } from '../output'

const POLL_MS = 1_000
const RELAYED = ['relayed', 'finalized']
/** Statuses that resolve by themselves: wait for them rather than relaying now. */
const NOT_YET = ['pending', 'initiated', 'relaying']

export async function runRelay(args: RelayArgs, global: GlobalOptions, io: CliIo): Promise<ExitCode> {
  const out = createOutput(io, global.json)
  const privateKey = readPrivateKey(io.env)
  const interactive = io.stdin.isTTY === true
  if (!args.yes && !args.dryRun && !interactive) {
    // Checked before any network work: a script without --yes should learn that at once.
    throw new UsageError(
      'not relaying without confirmation: stdin is not a terminal, so pass --yes (or --dry-run to only see the plan)',
    )
  }
  const signerAddress = privateKeyToAccount(privateKey).address
  const ctx = await openContext(global, io.env, { privateKey, spendingCapWei: args.spendingCapWei })
  try {
    const stored = await ctx.tracker.getMessage(args.messageHash)
    if (!stored) throw new UnknownMessageError(args.messageHash)
    await verifyChains([
      requireChain(ctx, stored.source, 'source'),
      requireChain(ctx, stored.destination, 'destination'),
    ])

    const message = await waitWhile(ctx, args.messageHash, NOT_YET, args.timeoutMs, (m) =>
      out.line(`waiting: the message is ${m.status}…`),
    )
    if (NOT_YET.includes(message.status)) {
      throw new CliError(
        `message ${message.hash} is still ${message.status} after ${args.timeoutMs / 1000} s: try again later ` +
          '(superchain-relay status shows its progress)',
        EXIT.relayRefused,
      )
    }
    if (RELAYED.includes(message.status)) return alreadyRelayed(out, message)

    let plan: RelayPlan
    try {
      plan = await ctx.tracker.prepareRelay(message.hash, signerAddress)
    } catch (error) {
      if (findError(error, AlreadyRelayedError)) return alreadyRelayed(out, await refreshed(ctx, message))
      throw error
    }
    printPlan(out, ctx, message, plan, args.spendingCapWei)
    if (!plan.simulation.ok) throw new RelaySimulationFailedError(message.hash, plan.simulation.reason)
    // Refused before asking: the signer would refuse this transaction anyway (it checks what it signs).
    if (!args.dryRun) refuseAboveCap(plan, args.spendingCapWei)
    if (args.dryRun) {
      out.document({ messageHash: message.hash, outcome: 'dryRun', plan, message })
      out.line('dry run: nothing was sent')
      return EXIT.ok
    }
    if (!args.yes && !(await confirm(io, `Relay this message from ${signerAddress}? [y/N] `))) {
      throw new CliError('relay cancelled: nothing was sent', EXIT.relayRefused)
    }

    return await sendAndFollow(ctx, out, message, plan, args.timeoutMs)
  } finally {
    await ctx.close()
  }
}

/** Relay with the printed plan as the approval, then wait until the relay is seen on chain. */
async function sendAndFollow(
  ctx: CliContext,
  out: Output,
  sent: TrackedMessage,
  plan: RelayPlan,
  timeoutMs: number,
): Promise<ExitCode> {
  let transactionHash
  try {
    // What was printed is what was approved (on the terminal, or with --yes): core refuses to sign above it.
    transactionHash = await ctx.tracker.relay(sent.hash, { kind: 'relayAccount' }, approvalOf(plan)!)
  } catch (error) {
    const changed = findError(error, PlanChangedError)
    if (changed) {
      const symbol = ctx.chain(sent.destination)?.nativeSymbol ?? 'ETH'
      throw new CliError(
        `not relaying: the fee went up since the plan above (now gas ${changed.current.gas} × ` +
          `${formatAmount(changed.current.maxFeePerGas, 9)} gwei, at most ${formatAmount(changed.current.total)} ` +
          `${symbol}). Nothing was signed: run the command again to see and approve the new plan.`,
        EXIT.relayRefused,
      )
    }
    // Someone relayed between the preview and our send: the tracker has polled, the store says so.
    const now = await refreshed(ctx, sent)
    if (RELAYED.includes(now.status)) return alreadyRelayed(out, now)
    throw error
  }
  const waiting = out.pending(
    `sent relay tx ${transactionHash}; waiting for it on ${ctx.chainName(sent.destination)}…`,
  )
  let message: TrackedMessage
  try {
    message = await waitWhile(ctx, sent.hash, ['relaying', 'ready'], timeoutMs)
  } finally {
    // On a terminal the line is replaced by the outcome below; no "…" stays on screen.
    waiting.done(`sent relay tx ${transactionHash} on ${ctx.chainName(sent.destination)}`)
  }
  if (message.status === 'failed') {
    throw new CliError(
      `relay tx ${transactionHash} failed: ${message.failure?.reason ?? 'no reason given'}`,
      EXIT.relayRefused,
    )
  }
  if (!RELAYED.includes(message.status)) {
    throw new CliError(
      `relay tx ${transactionHash} was sent but is not confirmed after ${timeoutMs / 1000} s ` +
        `(message is ${message.status}): check later with superchain-relay status ${message.hash}`,
      EXIT.unexpected,
    )
  }
  const ours = message.relay?.transactionHash.toLowerCase() === transactionHash.toLowerCase()
  out.document({
    messageHash: message.hash,
    outcome: ours ? 'relayed' : 'alreadyRelayed',
    transactionHash: message.relay?.transactionHash ?? transactionHash,
    plan,
    message,
  })
  out.line(
    ours
      ? `relayed: tx ${transactionHash} in block ${message.relay?.blockNumber}`
      : `already relayed: someone else's tx ${message.relay?.transactionHash} landed first`,
  )
  return EXIT.ok
}

async function refreshed(ctx: CliContext, message: TrackedMessage): Promise<TrackedMessage> {
  await ctx.tracker.poll()
  return (await ctx.tracker.getMessage(message.hash)) ?? message
}

/** Polls while the message's status is one of `statuses`, up to `timeoutMs`; returns the last state seen. */
async function waitWhile(
  ctx: CliContext,
  hash: TrackedMessage['hash'],
  statuses: readonly string[],
  timeoutMs: number,
  onWait?: (message: TrackedMessage) => void,
): Promise<TrackedMessage> {
  const deadline = Date.now() + timeoutMs
  let announced = ''
  for (;;) {
    await ctx.tracker.poll()
    const message = await ctx.tracker.getMessage(hash)
    if (!message) throw new UnknownMessageError(hash)
    if (!statuses.includes(message.status) || Date.now() >= deadline) return message
    if (onWait && announced !== message.status) {
      announced = message.status
      onWait(message)
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

function alreadyRelayed(out: Output, message: TrackedMessage): ExitCode {
  out.document({
    messageHash: message.hash,
    outcome: 'alreadyRelayed',
    ...(message.relay ? { transactionHash: message.relay.transactionHash } : {}),
    message,
  })
  const by = message.relay?.relayer ? ` by ${message.relay.relayer}` : ''
  out.line(
    `already relayed${message.relay ? `: tx ${message.relay.transactionHash}${by}` : ''} (${message.status}); nothing to do`,
  )
  return EXIT.ok
}

function planCost(plan: RelayPlan): bigint | undefined {
  return plan.fee ? maxTransactionCost({ ...plan.fee, value: plan.transaction.value }) : undefined
}

function refuseAboveCap(plan: RelayPlan, cap: bigint): void {
  const cost = planCost(plan)
  if (plan.fee && cost !== undefined && cost > cap) {
    const { gas, maxFeePerGas } = plan.fee
    const detail = { gas, maxFeePerGas, value: plan.transaction.value }
    throw new SpendingCapExceededError(cap, cost, detail, SPENDING_CAP_REMEDY)
  }
}

function printPlan(
  out: Output,
  ctx: CliContext,
  message: TrackedMessage,
  plan: RelayPlan,
  cap: bigint,
): void {
  const symbol = ctx.chain(message.destination)?.nativeSymbol ?? 'ETH'
  const rows: [string, string][] = [
    ['message', message.hash],
    ['what', plan.description],
    ['route', routeText(message, ctx.chainName)],
    ['signer', `${plan.from ?? '?'} (from ${PRIVATE_KEY_ENV})`],
  ]
  if (plan.fee) {
    rows.push([
      'fee',
      `at most ${formatAmount(plan.fee.total)} ${symbol} (gas ${plan.fee.gas} × ${formatAmount(plan.fee.maxFeePerGas, 9)} gwei)`,
    ])
  }
  const cost = planCost(plan)
  const over = cost !== undefined && cost > cap ? out.style.red(' — this relay could cost more') : ''
  // Exact: the cap is the user's own figure, shown as typed (a rounded one could read as a different cap).
  rows.push(['cap', `${formatEther(cap)} ETH per relay (--spending-cap)${over}`])
  rows.push([
    'simulation',
    plan.simulation.ok ? out.style.green('ok') : out.style.red(`reverts: ${plan.simulation.reason}`),
  ])
  out.line(
    out.style.bold(`relay on ${ctx.chainName(message.destination)} as ${shortAddress(plan.from ?? '')}`),
  )
  for (const [label, value] of rows) out.line(`  ${label.padEnd(10)}  ${value}`)
}

async function confirm(io: CliIo, question: string): Promise<boolean> {
  // The question goes to stderr so that stdout stays clean for --json.
  const rl = createInterface({ input: io.stdin, output: io.stderr })
  try {
    const answer = await rl.question(question)
    return /^y(es)?$/i.test(answer.trim())
  } finally {
    rl.close()
  }
}
