/**
 * `npm run package`: the store-ready extension for each browser, zipped.
 *
 *   dist/superchain-relay-chrome-<version>.zip    for the Chrome Web Store
 *   dist/superchain-relay-firefox-<version>.zip   for addons.mozilla.org
 *
 * Each comes from a store build (dist/store/<browser>): the same sources as `npm run build`, but with the test
 * hooks dropped (SUPERCHAIN_RELAY_STORE_BUILD=1, see vite.config.ts) and no source maps. Before zipping, the
 * script checks that (no .map file, no hook left in the code) and runs Mozilla's `web-ext lint` on the Firefox
 * build: any error fails the run; warnings are printed. Uploading stays a human step.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'vite'
import webExt from 'web-ext'

const repo = fileURLToPath(new URL('..', import.meta.url))
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }

const BROWSERS = [
  { name: 'chrome', mode: 'extension' },
  { name: 'firefox', mode: 'firefox' },
] as const

/** Strings only the test hooks put in the code; none may reach a store build. */
const TEST_HOOK_MARKERS = ['workerStarts']

export class StoreBuildError extends Error {
  override name = 'StoreBuildError'
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** No source map and no test hook in what would be uploaded. */
export function checkStoreBuild(dir: string): void {
  const problems: string[] = []
  for (const file of filesUnder(dir)) {
    const name = relative(dir, file)
    if (name.endsWith('.map')) problems.push(`${name} is a source map`)
    if (!/\.(js|html)$/.test(name)) continue
    const code = readFileSync(file, 'utf8')
    if (code.includes('sourceMappingURL=')) problems.push(`${name} points to a source map`)
    for (const marker of TEST_HOOK_MARKERS) {
      if (code.includes(marker)) problems.push(`${name} contains the test hook '${marker}'`)
    }
  }
  if (problems.length) throw new StoreBuildError(`${dir} is not store-ready:\n  ${problems.join('\n  ')}`)
}

interface LintMessage {
  code: string
  message: string
  file?: string
}

/** Mozilla's linter, as AMO runs it on upload; resolves with its errors and warnings. */
export async function lintFirefox(dir: string): Promise<{ errors: LintMessage[]; warnings: LintMessage[] }> {
  const result = (await webExt.cmd.lint(
    {
      sourceDir: dir,
      artifactsDir: join(repo, 'dist'),
      ignoreFiles: [],
      output: 'none',
      metadata: false,
      pretty: false,
      privileged: false,
      selfHosted: false,
      boring: true,
      verbose: false,
      warningsAsErrors: false,
    },
    { shouldExitProgram: false },
  )) as { errors: LintMessage[]; warnings: LintMessage[] }
  return { errors: result.errors, warnings: result.warnings }
}

export async function packageExtensions(): Promise<string[]> {
  const zips: string[] = []
  for (const browser of BROWSERS) {
    const outDir = join(repo, 'dist/store', browser.name)
    process.env.SUPERCHAIN_RELAY_STORE_BUILD = '1'
    process.env.SUPERCHAIN_RELAY_OUT_DIR = outDir
    try {
      await build({ configFile: join(repo, 'vite.config.ts'), mode: browser.mode, logLevel: 'warn' })
    } finally {
      delete process.env.SUPERCHAIN_RELAY_STORE_BUILD
      delete process.env.SUPERCHAIN_RELAY_OUT_DIR
    }
    checkStoreBuild(outDir)
    if (browser.name === 'firefox') {
      const { errors, warnings } = await lintFirefox(outDir)
      for (const w of warnings)
        console.error(`web-ext lint warning ${w.code}: ${w.message} (${w.file ?? ''})`)
      if (errors.length) {
        throw new StoreBuildError(
          `web-ext lint found ${errors.length} error(s) in ${outDir}:\n  ` +
            errors.map((e) => `${e.code}: ${e.message} (${e.file ?? ''})`).join('\n  '),
        )
      }
    }
    const filename = `superchain-relay-${browser.name}-${version}.zip`
    rmSync(join(repo, 'dist', filename), { force: true })
    await webExt.cmd.build(
      { sourceDir: outDir, artifactsDir: join(repo, 'dist'), filename, overwriteDest: true },
      { showReadyMessage: false },
    )
    zips.push(join(repo, 'dist', filename))
  }
  return zips
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  packageExtensions().then(
    (zips) => {
      for (const zip of zips) console.log(`written ${relative(repo, zip)}`)
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    },
  )
}
