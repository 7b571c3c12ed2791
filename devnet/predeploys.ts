/**
 * Installs the interop predeploys (docs/ARCHITECTURE.md §4) on a fresh anvil: runtime bytecode set at each fixed address (no
 * constructors run, so the contracts keep no initialised storage), ETHLiquidity funded so ETH relays can pay out,
 * and extra accounts (the autorelayer) funded.
 */
import type { Address, PublicClient } from 'viem'

import { ETH_LIQUIDITY } from '../src/core/protocol/addresses'
import { artifacts, PREDEPLOYS } from './contracts/artifacts'

/** The spec funds ETHLiquidity with type(uint248).max so relays can always mint. */
const ETH_LIQUIDITY_BALANCE = 2n ** 248n - 1n
const FUNDED_BALANCE = 10_000n * 10n ** 18n

export async function installPredeploys(client: PublicClient, fund: Address[] = []): Promise<void> {
  const hex = (n: bigint) => `0x${n.toString(16)}` as const
  await Promise.all([
    ...PREDEPLOYS.map(({ name, address }) =>
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
