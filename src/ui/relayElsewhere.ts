/**
 * Ways to finish a relay when the signer at hand cannot (a wallet that drops access lists, docs/ARCHITECTURE.md §6):
 * the CLI with a local key, or the extension's relay account. Both always send the full access list.
 */
import type { ChainConfig } from '../core/chains/types'
import type { TrackedMessage } from '../core/model/message'

/**
 * The commands that relay this message from a terminal: `track` first (the CLI keeps its own state and has not
 * seen this transfer), then `relay`. Each chain's RPC is passed explicitly, so the commands work on any network, and
 * the key is read without echo (bash and zsh alike) into the environment — never typed on the command line, where shell history keeps it.
 */
export function cliRelayCommands(message: TrackedMessage, chains: readonly ChainConfig[]): string {
  const rpc = [message.source, message.destination]
    .map((id) => chains.find((c) => c.id === id))
    .filter((c): c is ChainConfig => !!c)
    .map((c) => ` --rpc ${c.id}=${c.rpcUrl}`)
    .join('')
  return [
    `npx superchain-relay track --chain ${message.source} --tx ${message.sourceTransactionHash}${rpc}`,
    "printf 'Relay key (0x…, not shown): ' && read -rs SUPERCHAIN_RELAY_PRIVATE_KEY && export SUPERCHAIN_RELAY_PRIVATE_KEY",
    `npx superchain-relay relay ${message.hash}${rpc}`,
  ].join('\n')
}
