/**
 * The relay account's private key at rest: AES-GCM under a key derived from the user's password with PBKDF2
 * (WebCrypto, so the same code runs in the service worker and in Node tests). A random salt per vault and a random
 * IV per encryption; the address is bound in as additional data, so a vault whose address was edited does not
 * decrypt. Iterations are stored in the vault, so a later build can raise them and still open old vaults.
 */
import type { Address, Hex } from 'viem'

import { SuperchainRelayError } from '../../src/core'

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; ~0.5 s in Chrome, paid on create, unlock and export only. */
export const PBKDF2_ITERATIONS = 600_000
const MIN_ITERATIONS = 250_000

export interface RelayVault {
  version: 1
  address: Address
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string }
  cipher: { name: 'AES-GCM'; iv: string }
  ciphertext: string
}

export class WrongPasswordError extends SuperchainRelayError {
  override name = 'WrongPasswordError'
  constructor() {
    super('wrong password: the relay account could not be decrypted with it')
  }
}

export class CorruptVaultError extends SuperchainRelayError {
  override name = 'CorruptVaultError'
}

const subtle = () => globalThis.crypto.subtle

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

async function deriveKey(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveKey',
  ])
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

export async function encryptPrivateKey(
  privateKey: Hex,
  address: Address,
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<RelayVault> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const key = await deriveKey(password, salt, iterations)
  const ciphertext = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(address.toLowerCase()) },
    key,
    new TextEncoder().encode(privateKey),
  )
  return {
    version: 1,
    address,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    ciphertext: toBase64(new Uint8Array(ciphertext)),
  }
}

/** Throws `WrongPasswordError` when the password (or, equally, a tampered vault) fails AES-GCM's check. */
export async function decryptPrivateKey(vault: RelayVault, password: string): Promise<Hex> {
  const key = await deriveKey(password, fromBase64(vault.kdf.salt), vault.kdf.iterations)
  let plain: ArrayBuffer
  try {
    plain = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64(vault.cipher.iv),
        additionalData: new TextEncoder().encode(vault.address.toLowerCase()),
      },
      key,
      fromBase64(vault.ciphertext),
    )
  } catch {
    throw new WrongPasswordError()
  }
  const text = new TextDecoder().decode(plain)
  if (!/^0x[0-9a-f]{64}$/i.test(text))
    throw new CorruptVaultError('the relay account vault holds no private key')
  return text as Hex
}

/** The stored value, checked: it comes from storage an older build may have written. */
export function readVault(value: unknown): RelayVault | undefined {
  if (value === undefined) return undefined
  const v = value as Partial<RelayVault>
  const ok =
    v?.version === 1 &&
    typeof v.address === 'string' &&
    v.kdf?.name === 'PBKDF2' &&
    v.kdf.hash === 'SHA-256' &&
    typeof v.kdf.iterations === 'number' &&
    v.kdf.iterations >= MIN_ITERATIONS &&
    typeof v.kdf.salt === 'string' &&
    v.cipher?.name === 'AES-GCM' &&
    typeof v.cipher.iv === 'string' &&
    typeof v.ciphertext === 'string'
  if (!ok)
    throw new CorruptVaultError('the stored relay account is unreadable: delete it and create a new one')
  return v as RelayVault
}
