import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

import {
  CONTRACT_NAMES,
  PREDEPLOYS,
  TEST_CONTRACT_NAMES,
  artifacts,
  artifactsFile,
  predeploysFor,
} from './artifacts'
import { ARTIFACTS_PATH, compileContracts, hashSources, readSources, serializeArtifacts } from './build'

const STALE = 'devnet/contracts/artifacts.json is stale: run `npm run contracts:build` and commit the result'

describe('devnet contract artifacts', () => {
  // One compile (~5 s in solc-js) shared by the freshness checks.
  const fresh = compileContracts()

  it('were built from the current sources and compiler settings', () => {
    expect(artifactsFile.sourcesHash, STALE).toBe(fresh.sourcesHash)
    expect(artifactsFile.solcVersion, STALE).toBe(fresh.solcVersion)
  })

  it('hold the bytecode and ABI the current sources compile to', () => {
    expect(Object.keys(artifactsFile.contracts), STALE).toEqual(Object.keys(fresh.contracts))
    for (const [name, compiled] of Object.entries(fresh.contracts)) {
      const committed = artifactsFile.contracts[name]
      expect(committed?.deployedBytecode, `${name}: ${STALE}`).toBe(compiled.deployedBytecode)
      expect(committed?.bytecode, `${name}: ${STALE}`).toBe(compiled.bytecode)
      expect(committed?.abi, `${name}: ${STALE}`).toEqual(compiled.abi)
    }
  })

  it('are written in the stable, commit-friendly form the build produces', () => {
    expect(readFileSync(ARTIFACTS_PATH, 'utf8'), STALE).toBe(serializeArtifacts(fresh))
  })

  it('change their sources hash when any source changes', () => {
    const sources = readSources()
    const [firstPath] = Object.keys(sources)
    expect(firstPath).toBeDefined()
    const edited = { ...sources, [firstPath as string]: `${sources[firstPath as string]}\n// edit` }
    expect(hashSources(fresh.solcVersion, edited)).not.toBe(hashSources(fresh.solcVersion, sources))
  })

  it('install messenger 2.0.0 at the messenger’s address, and change nothing else', () => {
    const v2 = predeploysFor(2)
    expect(v2.map((p) => p.address)).toEqual(PREDEPLOYS.map((p) => p.address))
    expect(v2.filter((p, i) => p.name !== PREDEPLOYS[i]!.name)).toEqual([
      { name: 'L2ToL2CrossDomainMessengerV2', address: '0x4200000000000000000000000000000000000023' },
    ])
    expect(predeploysFor(1)).toBe(PREDEPLOYS)
  })

  it('give runtime code for every contract the devnet installs, with no constructor to run', () => {
    const installed = [...PREDEPLOYS, ...predeploysFor(2)]
    expect([...new Set(installed.map((predeploy) => predeploy.name))].sort()).toEqual(
      CONTRACT_NAMES.filter(
        (name) => name !== 'SafeSend' && !(TEST_CONTRACT_NAMES as readonly string[]).includes(name),
      ).sort(),
    )
    for (const { name } of installed) {
      expect(artifacts[name].deployedBytecode.length, name).toBeGreaterThan(2)
      // anvil_setCode skips the constructor, so none of them may declare one.
      expect(
        artifacts[name].abi.some((item) => item.type === 'constructor'),
        name,
      ).toBe(false)
    }
    expect(new Set(PREDEPLOYS.map((predeploy) => predeploy.address.toLowerCase())).size).toBe(
      PREDEPLOYS.length,
    )
  })
})
