/**
 * Compiles the devnet's Solidity (devnet/contracts/**.sol, test helpers included) with the `solc` npm package and
 * writes artifacts.json. The output is committed, so starting a devnet needs no compiler; artifacts.test.ts fails
 * when it no longer matches the sources.
 *
 *   npm run contracts:build            # compile and write artifacts.json
 *   npm run contracts:build -- --check # exit 1 if artifacts.json is stale (writes nothing)
 */
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Abi, Hex } from 'viem'

import type { ArtifactsFile, ContractArtifact } from './artifacts'

export const CONTRACTS_DIR = dirname(fileURLToPath(import.meta.url))
export const ARTIFACTS_PATH = join(CONTRACTS_DIR, 'artifacts.json')

/**
 * - evmVersion cancun: transient storage (the messenger's relay context) and MCOPY, and nothing newer, so the code
 *   runs on any anvil hardfork from cancun on.
 * - No metadata hash / CBOR: the deployed code then depends only on what the code does, not on comments or paths,
 *   and matches byte for byte across machines.
 */
export const COMPILER_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  metadata: { bytecodeHash: 'none', appendCBOR: false },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
} as const

/** The slice of solc's standard-JSON output that we ask for (see outputSelection). */
interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[]
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >
}

interface Solc {
  version(): string
  compile(input: string): string
}

/** Every .sol under devnet/contracts, keyed by its path relative to it with '/' separators (solc's source unit names). */
export function readSources(): Record<string, string> {
  const sources: Record<string, string> = {}
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.sol')) {
        // LF only: a Windows checkout with autocrlf must not look stale or compile differently.
        sources[relative(CONTRACTS_DIR, path).split(sep).join('/')] = readFileSync(path, 'utf8').replace(
          /\r\n/g,
          '\n',
        )
      }
    }
  }
  walk(CONTRACTS_DIR)
  return Object.fromEntries(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Fingerprint of everything that determines the output: compiler, settings and every source. */
export function hashSources(solcVersion: string, sources: Record<string, string>): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ solcVersion, settings: COMPILER_SETTINGS }))
  for (const [path, content] of Object.entries(sources)) {
    hash.update(`\0${path}\0${content.length}\0`)
    hash.update(content)
  }
  return `0x${hash.digest('hex')}`
}

/**
 * Compiles all sources. Throws on any compiler error; warnings go to `onWarning`. Only contracts with code are kept
 * (interfaces produce none), keyed by contract name, sorted, so the JSON diffs cleanly.
 */
export function compileContracts(onWarning: (message: string) => void = () => {}): ArtifactsFile {
  // Loaded lazily: solc-js evaluates an 8 MB compiler at require time, which nothing but a build should pay.
  const solc = createRequire(import.meta.url)('solc') as Solc
  const sources = readSources()
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([path, content]) => [path, { content }])),
    settings: COMPILER_SETTINGS,
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput

  const problems = output.errors ?? []
  const errors = problems.filter((problem) => problem.severity === 'error')
  if (errors.length > 0) {
    throw new Error(`solc failed:\n${errors.map((error) => error.formattedMessage).join('\n')}`)
  }
  for (const warning of problems) onWarning(warning.formattedMessage)

  const contracts: Record<string, ContractArtifact> = {}
  const origin: Record<string, string> = {}
  for (const [path, byName] of Object.entries(output.contracts ?? {})) {
    for (const [name, compiled] of Object.entries(byName)) {
      if (compiled.evm.deployedBytecode.object === '') continue
      if (origin[name] !== undefined) {
        throw new Error(`two contracts named ${name} (${origin[name]}, ${path}): artifacts are keyed by name`)
      }
      origin[name] = path
      contracts[name] = {
        abi: compiled.abi,
        bytecode: `0x${compiled.evm.bytecode.object}` as Hex,
        deployedBytecode: `0x${compiled.evm.deployedBytecode.object}` as Hex,
      }
    }
  }

  const solcVersion = solc.version()
  return {
    solcVersion,
    sourcesHash: hashSources(solcVersion, sources),
    contracts: Object.fromEntries(Object.entries(contracts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  }
}

/** The exact text written to artifacts.json: 2-space JSON with a final newline. */
export function serializeArtifacts(artifacts: ArtifactsFile): string {
  return `${JSON.stringify(artifacts, null, 2)}\n`
}

function main(): void {
  const check = process.argv.includes('--check')
  const artifacts = compileContracts((warning) => console.warn(warning))
  const text = serializeArtifacts(artifacts)
  if (check) {
    let current = ''
    try {
      current = readFileSync(ARTIFACTS_PATH, 'utf8')
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${relative(process.cwd(), ARTIFACTS_PATH)} is stale: run npm run contracts:build`)
      process.exitCode = 1
      return
    }
    console.log(`${relative(process.cwd(), ARTIFACTS_PATH)} is up to date`)
    return
  }
  writeFileSync(ARTIFACTS_PATH, text)
  const names = Object.keys(artifacts.contracts)
  console.log(
    `wrote ${relative(process.cwd(), ARTIFACTS_PATH)}: ${names.length} contracts (${names.join(', ')})`,
  )
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main()
