import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts'
import { describe, expect, it } from 'vitest'

import {
  decryptPrivateKey,
  encryptPrivateKey,
  PBKDF2_ITERATIONS,
  readVault,
  WrongPasswordError,
} from './vault'

const key = generatePrivateKey()
const { address } = privateKeyToAccount(key)

describe('the relay account vault', () => {
  it('encrypts with PBKDF2 (≥ 250k iterations) + AES-GCM and decrypts with the same password', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(250_000)
    const vault = await encryptPrivateKey(key, address, 'a good password')
    expect(vault.kdf.iterations).toBe(PBKDF2_ITERATIONS)
    expect(JSON.stringify(vault)).not.toContain(key.slice(2))
    expect(await decryptPrivateKey(readVault(JSON.parse(JSON.stringify(vault)))!, 'a good password')).toBe(
      key,
    )
  })

  it('uses a fresh salt and IV every time', async () => {
    const a = await encryptPrivateKey(key, address, 'a good password', 250_000)
    const b = await encryptPrivateKey(key, address, 'a good password', 250_000)
    expect(a.kdf.salt).not.toBe(b.kdf.salt)
    expect(a.cipher.iv).not.toBe(b.cipher.iv)
    expect(a.ciphertext).not.toBe(b.ciphertext)
  })

  it('refuses a wrong password and a vault whose address was edited', async () => {
    const vault = await encryptPrivateKey(key, address, 'a good password', 250_000)
    await expect(decryptPrivateKey(vault, 'a bad password')).rejects.toBeInstanceOf(WrongPasswordError)
    const edited = { ...vault, address: privateKeyToAccount(generatePrivateKey()).address }
    await expect(decryptPrivateKey(edited, 'a good password')).rejects.toBeInstanceOf(WrongPasswordError)
  })

  it('rejects stored vaults it cannot trust', () => {
    expect(readVault(undefined)).toBeUndefined()
    expect(() => readVault({ version: 2 })).toThrow(/unreadable/)
    expect(() =>
      readVault({
        version: 1,
        address,
        kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 1000, salt: 'AA==' },
        cipher: { name: 'AES-GCM', iv: 'AA==' },
        ciphertext: 'AA==',
      }),
    ).toThrow(/unreadable/)
  })
})
