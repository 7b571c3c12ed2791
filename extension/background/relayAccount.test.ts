import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'

import { createFakeStorageArea } from './fakeHost.test-helper'
import { createRelayAccount, RelayAccountLockedError } from './relayAccount'

const PASSWORD = 'correct horse'
const iterations = 250_000

describe('the relay account', () => {
  it('is created unlocked, survives a worker restart unlocked, and locks', async () => {
    const local = createFakeStorageArea()
    const session = createFakeStorageArea()
    const account = createRelayAccount({ local, session, iterations })
    expect(await account.status()).toEqual({ exists: false, unlocked: false })
    const created = await account.create(PASSWORD)
    expect(created).toMatchObject({ exists: true, unlocked: true })
    expect(created.address).toMatch(/^0x[0-9a-fA-F]{40}$/)

    // What sits in chrome.storage.local is only the vault: no key in clear.
    const key = session.dump().relayAccountKey as string
    expect(privateKeyToAccount(key as `0x${string}`).address).toBe(created.address)
    expect(JSON.stringify(local.dump())).not.toContain(key.slice(2))

    // A restarted worker: new object, same storage.
    const restarted = createRelayAccount({ local, session, iterations })
    expect(await restarted.status()).toEqual(created)
    expect(await (await restarted.signer()).address()).toBe(created.address)

    expect(await restarted.lock()).toMatchObject({ unlocked: false })
    expect(session.dump().relayAccountKey).toBeUndefined()
    await expect(restarted.signer()).rejects.toBeInstanceOf(RelayAccountLockedError)
  })

  it('unlocks and exports only with the password, and deletes only when confirmed with its address', async () => {
    const local = createFakeStorageArea()
    const session = createFakeStorageArea()
    const account = createRelayAccount({ local, session, iterations })
    const { address } = await account.create(PASSWORD)
    await account.lock()
    await expect(account.unlock('wrong password')).rejects.toThrow(/wrong password/)
    expect(await account.unlock(PASSWORD)).toMatchObject({ unlocked: true })
    await expect(account.exportKey('wrong password')).rejects.toThrow(/wrong password/)
    expect(privateKeyToAccount(await account.exportKey(PASSWORD)).address).toBe(address)

    await expect(account.create(PASSWORD)).rejects.toThrow(/already exists/)
    await expect(account.remove('0x0000000000000000000000000000000000000001')).rejects.toThrow(/confirm/)
    expect(await account.remove(address!.toLowerCase())).toEqual({ exists: false, unlocked: false })
    expect(local.dump()).toEqual({})
    expect(session.dump()).toEqual({})
  })

  it('asks for a real password', async () => {
    const account = createRelayAccount({ local: createFakeStorageArea(), session: createFakeStorageArea() })
    await expect(account.create('short')).rejects.toThrow(/at least 8 characters/)
    await expect(account.signer()).rejects.toThrow(/no relay account yet/)
  })

  it('locks itself after the idle time, counted from the last use and across a worker restart', async () => {
    const local = createFakeStorageArea()
    const session = createFakeStorageArea()
    let clock = 1_000_000
    let minutes = 15
    const make = () =>
      createRelayAccount({
        local,
        session,
        iterations,
        now: () => clock,
        autoLockMs: async () => minutes * 60_000,
      })
    const account = make()
    const created = await account.create(PASSWORD)
    expect(created.locksAt).toBe(clock + 15 * 60_000)

    clock += 14 * 60_000
    await account.signer() // a use restarts the clock
    clock += 14 * 60_000
    expect(await make().status()).toMatchObject({ unlocked: true, locksAt: clock + 60_000 })

    clock += 60_000
    // A new worker that never saw the key in memory still refuses it: the check is on every use.
    await expect(make().signer()).rejects.toBeInstanceOf(RelayAccountLockedError)
    expect(session.dump().relayAccountKey).toBeUndefined()
    expect(await account.status()).toMatchObject({ unlocked: false })

    // A shorter setting applies to a key already unlocked; the alarm's check wipes it from session storage.
    await account.unlock(PASSWORD)
    minutes = 1
    clock += 60_000
    await make().expireIfIdle()
    expect(session.dump().relayAccountKey).toBeUndefined()
  })

  it('is deleted only with its password, or with its address after an export in this session', async () => {
    const local = createFakeStorageArea()
    const session = createFakeStorageArea()
    const account = createRelayAccount({ local, session, iterations })
    const { address } = await account.create(PASSWORD)
    const vaultBefore = local.dump()
    await expect(account.remove(address!)).rejects.toThrow(/wrong password/)
    await expect(account.remove('')).rejects.toThrow(/type its password/)
    await expect(account.remove(undefined as never)).rejects.toThrow(/type its password/)
    expect(local.dump()).toEqual(vaultBefore)
    expect(await account.remove(PASSWORD)).toEqual({ exists: false, unlocked: false })
    expect(local.dump()).toEqual({})

    const second = await account.create(PASSWORD)
    expect((await account.status()).exported).toBeUndefined()
    await account.exportKey(PASSWORD)
    expect(await account.status()).toMatchObject({ exported: true })
    expect(await account.remove(second.address!)).toEqual({ exists: false, unlocked: false })
    expect(session.dump()).toEqual({})
  })
})
