/**
 * `npm run package` as a release manager runs it: a store build per browser (no source maps, no test hooks),
 * Mozilla's `web-ext lint` on the Firefox one with no error, and a zip per browser in dist/. Run as its own
 * process, as a user would: a Vite build started from vitest would see NODE_ENV=test and ship React's
 * development build.
 */
import { execFile as execFileCallback } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { beforeAll, describe, expect, it } from 'vitest'

import { GECKO_ID } from '../../extension/manifest'
import { lintFirefox } from '../../scripts/package'

const execFile = promisify(execFileCallback)
const repo = fileURLToPath(new URL('../..', import.meta.url))
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }

let output: { stdout: string; stderr: string }

const manifest = (browser: string) =>
  JSON.parse(readFileSync(join(repo, 'dist/store', browser, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(dir, f)).isFile(),
  )
}

beforeAll(async () => {
  const env = { ...process.env }
  delete env.NODE_ENV
  delete env.VITEST
  output = await execFile(process.execPath, ['--import', 'tsx', 'scripts/package.ts'], {
    cwd: repo,
    env,
    maxBuffer: 16 * 1024 * 1024,
  })
}, 180_000)

describe('npm run package', () => {
  it('writes a zip per browser into dist/', () => {
    for (const browser of ['chrome', 'firefox']) {
      const zip = join(repo, 'dist', `superchain-relay-${browser}-${version}.zip`)
      expect(output.stdout).toContain(`written dist/superchain-relay-${browser}-${version}.zip`)
      expect(existsSync(zip)).toBe(true)
      // A zip's magic number, and more than a manifest in it.
      expect(readFileSync(zip).subarray(0, 4).toString('hex')).toBe('504b0304')
      expect(statSync(zip).size).toBeGreaterThan(100_000)
    }
  })

  it('builds each browser’s manifest: a service worker for Chrome, an event page and gecko id for Firefox', () => {
    expect(manifest('chrome')).toMatchObject({ manifest_version: 3, version, background: { type: 'module' } })
    expect(manifest('chrome').background).toHaveProperty('service_worker')
    expect(manifest('firefox')).toMatchObject({
      manifest_version: 3,
      version,
      background: { scripts: [expect.any(String)] },
      browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: expect.any(String) } },
    })
  })

  it('ships no source map, no test hook, and React’s production build', () => {
    for (const browser of ['chrome', 'firefox']) {
      const dir = join(repo, 'dist/store', browser)
      const all = files(dir)
      expect(all.filter((f) => f.endsWith('.map'))).toEqual([])
      const code = all.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f), 'utf8'))
      expect(code.filter((c) => c.includes('workerStarts'))).toEqual([])
      expect(code.filter((c) => c.includes('sourceMappingURL='))).toEqual([])
      // A sentence only react-dom's development build carries.
      expect(code.filter((c) => c.includes('unique "key" prop'))).toEqual([])
    }
    // The unpacked build `npm run build` writes keeps the hook the e2e tests read.
    const devBuild = join(repo, 'dist/firefox')
    if (existsSync(devBuild)) {
      const code = files(devBuild)
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(devBuild, f), 'utf8'))
      expect(code.some((c) => c.includes('workerStarts'))).toBe(true)
    }
  })

  it('passes web-ext lint on the Firefox build with no error', async () => {
    const { errors } = await lintFirefox(join(repo, 'dist/store/firefox'))
    expect(errors).toEqual([])
  })
})
