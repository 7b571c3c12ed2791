/**
 * The built-in relay account: a key the extension generates and holds, so a relay can always be signed with the
 * full access list (MetaMask drops it, docs/ARCHITECTURE.md §6). The user tops it up with a plain transfer.
 *
 * - At rest: encrypted with the user's password (vault.ts) in `chrome.storage.local`.
 * - Unlocked: the key is held in this worker's memory and in `chrome.storage.session` (unlockedKey.ts), which
 *   lives in memory until the browser closes and is readable only by the extension's own contexts; a worker restart
 *   (every 30 s idle) must not ask for the password again.
 * - Auto-lock: an unlocked key unused (no unlock, no signature) for the configured minutes is dropped. Checked on
 *   every use — an expired key is never handed out, whether or not any timer ran while the worker slept — and by
 *   the poll alarm, so it does not linger in session storage; the screen locking (`idle` "locked") drops it at once.
 * - Spending cap: the signer refuses, before signing, any transaction whose fees could exceed the cap (core's
 *   SpendingCapExceededError).
 * - It never leaves the background: pages get the address, balances and signing *results*. The one exception is
 *   `exportKey`, which requires the password typed again. Nothing here logs the key or puts it in an error.
 */
import { createPublicClient, isAddress, isAddressEqual, type Address, type Chain, type Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'

import {
  type ChainConfig,
  chainConfigToViemChain,
  createLocalSigner,
  type RelaySigner,
  rpcTransport,
  SuperchainRelayError,
} from '../../src/core'

import { serializeError } from '../messaging/codec'
import type { ChainBalance, RelayAccountStatus } from '../messaging/protocol'
import type { StorageAreaLike } from './host'
import { createUnlockedKey } from './unlockedKey'
import { decryptPrivateKey, encryptPrivateKey, readVault, PBKDF2_ITERATIONS, type RelayVault } from './vault'

const VAULT_KEY = 'relayAccount'
/** The address whose key was exported in this browser session. */
const EXPORTED_KEY = 'relayAccountExported'
const DEFAULT_AUTO_LOCK_MS = 15 * 60_000
const MIN_PASSWORD_LENGTH = 8

export class RelayAccountError extends SuperchainRelayError {
  override name = 'RelayAccountError'
}

export class RelayAccountLockedError extends SuperchainRelayError {
  override name = 'RelayAccountLockedError'
}

export interface RelayAccountOptions {
  local: StorageAreaLike
  session: StorageAreaLike
  /** Tests lower it to keep PBKDF2 quick; the floor (vault.ts) still applies when reading. */
  iterations?: number
  now?: () => number
  /** How long an unlocked key may sit unused, read on every check (a changed setting applies at once). */
  autoLockMs?: () => Promise<number>
  /** The most one relay may cost in fees, in wei (see createLocalSigner). */
  spendingCap?: () => Promise<bigint | undefined>
}

export interface RelayAccount {
  status(): Promise<RelayAccountStatus>
  create(password: string): Promise<RelayAccountStatus>
  unlock(password: string): Promise<RelayAccountStatus>
  lock(): Promise<RelayAccountStatus>
  exportKey(password: string): Promise<Hex>
  /** With the password, or — after an export in this browser session — the address typed back. */
  remove(proof: string): Promise<RelayAccountStatus>
  /** Drop the key if it sat unused past the auto-lock time (the poll alarm calls this). */
  expireIfIdle(): Promise<void>
  balances(chains: readonly ChainConfig[]): Promise<ChainBalance[]>
  /** A signer for relays; throws `RelayAccountLockedError` (or RelayAccountError when none exists). */
  signer(): Promise<RelaySigner>
}

const readStoredVault = async (local: StorageAreaLike): Promise<RelayVault | undefined> =>
  readVault((await local.get(VAULT_KEY))[VAULT_KEY])

async function requireVault(local: StorageAreaLike): Promise<RelayVault> {
  const v = await readStoredVault(local)
  if (!v) throw new RelayAccountError('there is no relay account yet: create one in the options page')
  return v
}

function checkNewPassword(password: unknown): asserts password is string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new RelayAccountError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters long`)
  }
}

/** The stored key, decrypted with the password; refuses a vault whose clear-text address is not the key's. */
async function decryptVault(local: StorageAreaLike, password: unknown): Promise<Hex> {
  if (typeof password !== 'string') throw new RelayAccountError('a password is required')
  const v = await requireVault(local)
  const privateKey = await decryptPrivateKey(v, password)
  // The address is stored in clear for display; make sure it is the key's, not an edited one.
  if (!isAddressEqual(privateKeyToAccount(privateKey).address, v.address)) {
    throw new RelayAccountError('the stored relay account is inconsistent: delete it and create a new one')
  }
  return privateKey
}

/**
 * Whether `proof` may delete the account without its password: after an export in this browser session the key
 * is safe elsewhere, and the address typed back is deliberate enough. A different address is refused by name.
 */
function confirmedByAddress(v: RelayVault, proof: string, exported: boolean): boolean {
  if (isAddress(proof, { strict: false }) && proof.toLowerCase() !== v.address.toLowerCase()) {
    throw new RelayAccountError(
      `${proof} is not the relay account (${v.address}): confirm with its password, or with its address after exporting its key`,
    )
  }
  return exported && proof.toLowerCase() === v.address.toLowerCase()
}

/** The relay account's balance on each chain; a chain that does not answer gets its error instead. */
function readBalances(address: Address, chains: readonly ChainConfig[]): Promise<ChainBalance[]> {
  return Promise.all(
    chains.map(async (config): Promise<ChainBalance> => {
      const client = createPublicClient({
        chain: chainConfigToViemChain(config),
        transport: rpcTransport(config, { timeoutMs: 5_000, retryCount: 0 }),
      })
      try {
        return { chainId: config.id, name: config.name, balance: await client.getBalance({ address }) }
      } catch (error) {
        return { chainId: config.id, name: config.name, error: serializeError(error).message }
      }
    }),
  )
}

/** Signs with the relay account's key over each chain's own RPC, refusing fees above the cap before signing. */
function localRelaySigner(privateKey: Hex, spendingCap: RelayAccountOptions['spendingCap']): RelaySigner {
  return createLocalSigner(
    privateKeyToAccount(privateKey),
    (chain: Chain) =>
      rpcTransport({ rpcUrl: chain.rpcUrls.default.http[0] ?? chain.rpcUrls.default.webSocket?.[0] ?? '' }),
    spendingCap ? { spendingCap } : {},
  )
}

export function createRelayAccount(options: RelayAccountOptions): RelayAccount {
  const { local, session } = options
  const autoLockMs = options.autoLockMs ?? (async () => DEFAULT_AUTO_LOCK_MS)
  const unlocked = createUnlockedKey({ session, now: options.now ?? Date.now, autoLockMs })
  const isExported = async (v: RelayVault) => (await session.get(EXPORTED_KEY))[EXPORTED_KEY] === v.address

  async function status(): Promise<RelayAccountStatus> {
    const v = await readStoredVault(local)
    if (!v) return { exists: false, unlocked: false }
    const k = await unlocked.read()
    const exported = await isExported(v)
    return {
      exists: true,
      unlocked: k !== undefined,
      address: v.address,
      ...(k ? { locksAt: await unlocked.locksAt() } : {}),
      ...(exported ? { exported } : {}),
    }
  }

  return {
    status,
    async create(password) {
      checkNewPassword(password)
      if (await readStoredVault(local)) {
        throw new RelayAccountError('a relay account already exists: delete it first to create another')
      }
      const privateKey = generatePrivateKey()
      const { address } = privateKeyToAccount(privateKey)
      const iterations = options.iterations ?? PBKDF2_ITERATIONS
      await local.set({ [VAULT_KEY]: await encryptPrivateKey(privateKey, address, password, iterations) })
      await unlocked.hold(privateKey)
      return status()
    },
    async unlock(password) {
      await unlocked.hold(await decryptVault(local, password))
      return status()
    },
    async lock() {
      await unlocked.hold(undefined)
      return status()
    },
    async exportKey(password) {
      const privateKey = await decryptVault(local, password)
      await session.set({ [EXPORTED_KEY]: (await requireVault(local)).address })
      return privateKey
    },
    async remove(proof) {
      const v = await readStoredVault(local)
      if (!v) return status()
      if (typeof proof !== 'string' || proof === '') {
        throw new RelayAccountError('to delete the relay account, type its password')
      }
      if (!confirmedByAddress(v, proof, await isExported(v))) await decryptVault(local, proof)
      await unlocked.hold(undefined)
      await session.remove(EXPORTED_KEY)
      await local.remove(VAULT_KEY)
      return status()
    },
    async expireIfIdle() {
      await unlocked.read()
    },
    async balances(chains) {
      return readBalances((await requireVault(local)).address, chains)
    },
    async signer() {
      const v = await requireVault(local)
      const privateKey = await unlocked.read()
      if (!privateKey) {
        throw new RelayAccountLockedError(
          `the relay account ${v.address} is locked: unlock it in the options page (Relay account), then try again`,
        )
      }
      await unlocked.touch()
      return localRelaySigner(privateKey, options.spendingCap)
    },
  }
}
