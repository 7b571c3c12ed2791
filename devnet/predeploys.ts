/**
 * Installs the interop predeploys (docs/ARCHITECTURE.md §7) on a fresh anvil: runtime bytecode set at each
 * fixed address (no constructors run, so the contracts keep no initialised storage), the chosen messenger (1.3.0 or
 * the proposed 2.0.0) at the messenger's address, ETHLiquidity funded so ETH relays can pay out, and extra accounts
 * (the autorelayer, the L1 stand-in) funded.
 */
import type { Address, PublicClient } from 'viem'

import { ETH_LIQUIDITY } from '../src/core/protocol/addresses'
import { artifacts, predeploysFor, type MessengerVersion } from './contracts/artifacts'

/** The spec funds ETHLiquidity with type(uint248).max so relays can always mint. */
const ETH_LIQUIDITY_BALANCE = 2n ** 248n - 1n
const FUNDED_BALANCE = 10_000n * 10n ** 18n

export async function installPredeploys(
  client: PublicClient,
  fund: Address[] = [],
  messenger: MessengerVersion = 1,
): Promise<void> {
  const hex = (n: bigint) => `0x${n.toString(16)}` as const
  await Promise.all([
    ...predeploysFor(messenger).map(({ name, address }) =>
      client.request({
        method: 'anvil_setCode' as never,
        params: [address, artifacts[name].deployedBytecode] as never,
      }),
    ),
    client.request({
      method: 'anvil_setBalance' as never,
      params: [ETH_LIQUIDITY, hex(ETH_LIQUIDITY_BALANCE)] as never,
    }),
    ...fund.map((a) =>
      client.request({ method: 'anvil_setBalance' as never, params: [a, hex(FUNDED_BALANCE)] as never }),
    ),
  ])
}
