/** Help texts. `--help` works on every command; the exit codes are listed where scripts' authors will look. */
import {
  DEFAULT_INTERVAL_S,
  DEFAULT_RELAY_TIMEOUT_S,
  DEFAULT_SPENDING_CAP_ETH,
  PRIVATE_KEY_ENV,
  STATE_ENV,
  type CommandName,
} from './args'
import { EXIT_CODES_HELP } from './exit'

const GLOBAL_OPTIONS_HELP = `Global options:
  --rpc <id>=<url>   use this RPC for chain <id> (repeatable); an unknown id adds a chain named "Chain <id>".
                     Default chains: the local devnet, 901 and 902 on http://127.0.0.1:9545 and :9546
  --json             machine output: one JSON document on stdout (bigints as decimal strings)
  --state <file>     where tracked messages are kept between runs
                     (default: $${STATE_ENV}, else ~/.superchain-relay/state.json)
  -h, --help         help for the command`

const MAIN = `superchain-relay: track Superchain interop messages and relay the stuck ones

Usage: superchain-relay <command> [options]

Commands:
  track   --chain <id> --tx <hash>       track the cross-chain messages a transaction sent
  status  [messageHash]                  refresh and list tracked messages, or show one in detail
  watch   --account <address> …          follow an account's transfers live (--once: one scan and exit)
  relay   <messageHash> [--yes]          relay a message yourself, signing with $${PRIVATE_KEY_ENV}
  chains  [--check]                      list the configured chains (and check their RPCs)
  forget  <messageHash>                  remove one message from the history
  clear   --chain <id> [--yes]           remove every message from or to a chain (e.g. a devnet you restarted)

${GLOBAL_OPTIONS_HELP}

Run 'superchain-relay <command> --help' for a command's options.

${EXIT_CODES_HELP}
`

const COMMAND_HELP: Record<CommandName, string> = {
  track: `Usage: superchain-relay track --chain <id> --tx <hash>

Finds every cross-chain message the transaction sent (SuperchainERC20 and ETH transfers, generic messages),
starts tracking them and prints each one's current status. A transaction still in the mempool is remembered and
picked up by the next status/watch.

Options:
  --chain <id>   the chain the transaction was sent on (its source chain)
  --tx <hash>    the transaction hash (0x + 64 hex digits)`,

  status: `Usage: superchain-relay status [messageHash]

Refreshes every tracked message from the chains once and lists them. With a message hash, shows that message's
timeline: the initiating block and how final it is, the relay transaction and who sent it, any failure reason.
Exits 4 when a chain could not be read (the statuses shown may then be stale).`,

  watch: `Usage: superchain-relay watch [--account <address> …] [--interval <s>] [--once]

Watches accounts: finds their outgoing and incoming transfers by scanning the chains, and shows each message's
progress (sent → included → ready → relayed → finalized). On a terminal the view is redrawn in place; otherwise
each change is appended as a line (with --json: one JSON object per line). Ctrl-C stops.
Accounts are remembered in the state file: later runs without --account watch them again.
A chain that fails a scan is a warning (the default list has chains you may not run); with --once, a chain that
fails the refresh of a message shown exits 4, as in status.

Options:
  --account <address>  an account to watch (repeatable)
  --interval <s>       seconds between refreshes (default ${DEFAULT_INTERVAL_S})
  --once               scan and refresh once, print, and exit`,

  relay: `Usage: superchain-relay relay <messageHash> [--yes] [--dry-run] [--timeout <s>] [--spending-cap <eth>]

Relays a message on its destination chain yourself. The key comes from the environment, never from a flag:
  ${PRIVATE_KEY_ENV}=0x… superchain-relay relay 0x…
Shows the plan (what the message does, the fee, the signing account, the simulation), asks for confirmation on a
terminal, sends the relay and waits until it is seen on chain. A message someone already relayed is reported as
"already relayed" (exit 0).

Options:
  -y, --yes        do not ask for confirmation (required when stdin is not a terminal)
  --dry-run        show the plan and stop
  --timeout <s>    how long to wait for the message to become relayable and then for the relay (default ${DEFAULT_RELAY_TIMEOUT_S})
  --spending-cap <eth>
                   the most this relay may cost, in ETH: the signed transaction's gas limit × max fee per gas
                   + value must stay within it, or nothing is signed (default ${DEFAULT_SPENDING_CAP_ETH})`,

  forget: `Usage: superchain-relay forget <messageHash>

Removes one message from the history kept in the state file: typically one the tracker marked gone (its chain was
reset, or a reorg dropped the transaction that sent it), which can never be relayed. It only forgets: nothing is
sent to any chain, and tracking the transaction again brings the message back. Exits 3 for an unknown hash.`,

  clear: `Usage: superchain-relay clear --chain <id> [--yes]

Forgets every message sent from or to chain <id>, that chain's account-scan positions and what the tracker
remembered to detect its resets — e.g. after restarting a local devnet when you do not want its old transfers
listed any more. Nothing is sent to any chain. Asks for confirmation on a terminal.

Options:
  --chain <id>   the chain whose history to forget
  -y, --yes      do not ask for confirmation (required when stdin is not a terminal)`,

  chains: `Usage: superchain-relay chains [--check]

Lists the configured chains: the local devnet preset plus any --rpc.

Options:
  --check   ask each RPC for its chain id and show OK or the error (exit 4 if any fails)`,
}

export function helpText(command?: CommandName): string {
  if (!command) return MAIN
  return `${COMMAND_HELP[command]}\n\n${GLOBAL_OPTIONS_HELP}\n\n${EXIT_CODES_HELP}\n`
}
