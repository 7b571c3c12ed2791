/**
 * The one place that defines the builds. Each target is a Vite mode:
 *
 *   vite build --mode extension   → dist/extension   Chrome MV3 extension (crxjs reads extension/manifest.ts)
 *   vite build --mode firefox     → dist/firefox     the same extension for Firefox MV3 (background as an event page)
 *   vite build --mode widget      → dist/widget/index.js   the React component (react, react-dom, viem external)
 *   vite build --mode element     → dist/widget/superchain-relay.element.js   the standalone custom element
 *   vite build --mode cli         → dist/cli/main.js   the CLI for Node, bundled, so it starts without compiling
 *   vite --mode demo              → the demo dapp (examples/demo) on the dev server, used by `npm start` and e2e
 *
 * `npm run build` runs the build targets in order. Static assets the builds share (the icons) live in public/.
 * Every target forces production JSX: Vite derives the JSX mode from NODE_ENV, and a build started from vitest
 * (NODE_ENV=test) would otherwise emit jsxDEV calls, which React's production runtime does not have — the pages
 * would render nothing (docs/ARCHITECTURE.md §8).
 */
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { crx, type CrxPlugin, type ManifestV3Export } from '@crxjs/vite-plugin'
import react from '@vitejs/plugin-react'
import { build, defineConfig, type Plugin, type ResolvedConfig, type UserConfig } from 'vite'

import { manifestFor, type TargetBrowser } from './extension/manifest.ts'
import {
  opStackWithoutSerializers,
  precomputedAbis,
  squeezeStyleStrings,
} from './scripts/widgetBuildPlugins.ts'

const repo = fileURLToPath(new URL('.', import.meta.url))
const at = (path: string) => `${repo}${path}`

const productionJsx = { jsx: { development: false } } as const

/**
 * @eth-optimism/viem declares no "sideEffects": false, so every chain and ABI it defines would be kept. Its modules
 * only define values; saying so lets the bundler drop the mainnet/testnet chains core never uses.
 */
const treeshakeOpViem = {
  moduleSideEffects: (id: string) => !id.includes('/node_modules/@eth-optimism/viem/'),
}

/**
 * ox's Tempo helpers import node:worker_threads; nothing of ours reaches them and the import is shaken out (no
 * bundle references it), so the "externalized for browser compatibility" notice is noise.
 */
const quietOnLog = (
  level: 'info' | 'warn' | 'debug',
  log: { message: string },
  handler: (level: 'info' | 'warn' | 'debug', log: { message: string }) => void,
) => {
  if (log.message.includes('"node:worker_threads" has been externalized')) return
  handler(level, log)
}

/**
 * `import()` is disallowed in service workers by the HTML spec: the call throws at run time. viem loads three
 * modules lazily — isows (every WebSocket RPC), its CCIP-read helper (an eth_call that reverts OffchainLookup) and
 * noble's secp256k1 (public-key recovery) — so in the worker those paths would fail. This turns viem's dynamic
 * imports into static ones: a few kB more, and every path works in the worker.
 */
function staticViemImports(): Plugin {
  return {
    name: 'superchain-relay:static-viem-imports',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]viem[\\/]_esm[\\/]/.test(id) || !code.includes('import(')) return null
      const hoisted: string[] = []
      const out = code.replace(
        /\bimport\((['"])([^'"]+)\1\)/g,
        (_match, _quote: string, specifier: string) => {
          const name = `__scrStaticImport${hoisted.length}`
          hoisted.push(`import * as ${name} from ${JSON.stringify(specifier)};`)
          return `Promise.resolve(${name})`
        },
      )
      return hoisted.length ? { code: `${hoisted.join('\n')}\n${out}`, map: null } : null
    },
  }
}

/**
 * Test hooks (a counter of background starts in storage.session, which e2e tests read to prove a restart) are in
 * the unpacked builds `npm run build` writes, and left out of the store builds `npm run package` makes: it sets
 * SUPERCHAIN_RELAY_STORE_BUILD=1, and the `__SCR_TEST_HOOKS__` branches are dropped as dead code.
 */
const storeBuild = () => process.env.SUPERCHAIN_RELAY_STORE_BUILD === '1'

/**
 * A loadable unpacked MV3 extension for one browser. crxjs bundles the background from the manifest, writes the
 * manifest and copies public/; the two pages are then bundled each on its own (`extensionPages`). Both browsers
 * get the same sources; only the manifest and the syntax target differ.
 */
function extension(browser: TargetBrowser): UserConfig {
  const store = storeBuild()
  const outDir =
    process.env.SUPERCHAIN_RELAY_OUT_DIR ?? at(browser === 'chrome' ? 'dist/extension' : 'dist/firefox')
  const define = { __SCR_TEST_HOOKS__: JSON.stringify(!store) }
  const manifest = manifestFor(browser)
  // Chrome 116+ / Firefox 140+ only: no legacy syntax to lower.
  const target = browser === 'chrome' ? 'chrome116' : 'firefox140'
  return {
    root: at('extension'),
    publicDir: at('public'),
    plugins: [
      staticViemImports(),
      react(),
      crx({ manifest: withoutPages(manifest), browser }),
      extensionPages({ define, target, manifest }),
    ],
    oxc: productionJsx,
    define,
    build: {
      outDir,
      emptyOutDir: true,
      target,
      sourcemap: false,
      // The background bundles viem and MetaMask's provider; it is loaded from disk, never downloaded.
      chunkSizeWarningLimit: 1024,
      // No `input`: crxjs builds the background from the manifest; `extensionPages` builds the pages.
      rollupOptions: { onLog: quietOnLog },
    },
  }
}

interface ManifestPages {
  action?: { default_popup?: string }
  options_ui?: { page: string; open_in_tab?: boolean }
}

/** What crxjs builds from: the manifest without its pages, or it would bundle them with the background. */
function withoutPages(manifest: ManifestV3Export): ManifestV3Export {
  const { action, ...rest } = manifest as ManifestPages
  const { default_popup: _popup, ...actionRest } = action ?? {}
  return { ...rest, action: actionRest, options_ui: undefined } as ManifestV3Export
}

/**
 * Each extension page bundled by itself, after the background build wrote the output directory. Contexts share
 * nothing at run time — the worker and every page parse their own copy of whatever they load — so a chunk shared
 * between them saves disk, not time. And it costs time: the bundler puts a module in a chunk by which entries
 * *reach* it, and through viem's side-effect-free barrel the popup reaches every viem module the background uses,
 * so in one build the popup loaded ~250 kB of the background's viem, noble curves and ox that it never runs
 * (docs/ARCHITECTURE.md §8). Apart, each page is tree-shaken for what it uses.
 */
function extensionPages(options: {
  define: Record<string, string>
  target: string
  manifest: ManifestV3Export
}): CrxPlugin {
  let resolved: ResolvedConfig
  const pages = options.manifest as ManifestPages
  return {
    name: 'superchain-relay:extension-pages',
    apply: 'build',
    configResolved(config) {
      resolved = config
    },
    // The manifest crxjs writes gets its pages back.
    renderCrxManifest(manifest) {
      return {
        ...manifest,
        action: { ...manifest.action, default_popup: pages.action?.default_popup },
        options_ui: pages.options_ui,
      }
    },
    async closeBundle() {
      const page = (input: Record<string, string>, more: UserConfig['build'] = {}) =>
        build({
          configFile: false,
          root: at('extension'),
          mode: resolved.mode,
          logLevel: resolved.logLevel,
          envDir: resolved.envDir,
          publicDir: false,
          plugins: [react()],
          oxc: productionJsx,
          define: options.define,
          build: {
            outDir: resolved.build.outDir,
            emptyOutDir: false,
            target: options.target,
            sourcemap: false,
            // Chrome 116 and Firefox 140 preload modules natively.
            modulePreload: { polyfill: false },
            ...more,
            rollupOptions: { input, onLog: quietOnLog, ...more.rollupOptions },
          },
        })
      await page({ options: at('extension/options.html') })
      await popupPage(page, { ...options, outDir: resolved.build.outDir })
    },
  }
}

/**
 * The popup in two parts (docs/ARCHITECTURE.md §3): main.tsx (React, core, the messaging client) as an ES module,
 * then the first paint (firstPaint.ts) as one classic script with main.tsx's file name in it, and popup.html copied
 * as it is, naming only the first paint. So the page fetches one small file before the first rows and nothing in
 * parallel with it: no module preload, no shared runtime chunk.
 */
async function popupPage(
  page: (input: Record<string, string>, more?: UserConfig['build']) => ReturnType<typeof build>,
  options: { define: Record<string, string>; target: string; outDir: string },
): Promise<void> {
  // main.tsx's exports stay: the first paint calls its startPopup.
  const output = await page(
    { main: at('extension/popup/main.tsx') },
    { rollupOptions: { preserveEntrySignatures: 'strict' } },
  )
  const main = [output]
    .flat()
    .flatMap((o) => ('output' in o ? o.output : []))
    .find((chunk) => chunk.type === 'chunk' && chunk.isEntry)
  if (!main) throw new Error('the popup build wrote no entry for main.tsx')
  await build({
    configFile: false,
    root: at('extension'),
    logLevel: 'warn',
    publicDir: false,
    oxc: productionJsx,
    define: { ...options.define, __SCR_POPUP_MAIN__: JSON.stringify(`/${main.fileName}`) },
    build: {
      outDir: options.outDir,
      emptyOutDir: false,
      target: options.target,
      sourcemap: false,
      minify: true,
      lib: {
        entry: at('extension/popup/firstPaint.ts'),
        formats: ['iife'],
        name: 'scrFirstPaint',
        fileName: () => 'popup-first-paint.js',
      },
      rollupOptions: { onLog: quietOnLog },
    },
  })
  copyFileSync(at('extension/popup.html'), join(options.outDir, 'popup.html'))
}

/**
 * The component's two files (docs/ARCHITECTURE.md §8): everything the first render runs, in the entry, and the
 * dialogs (relay, resend, track a transaction) in one chunk loaded on first use. Left to itself the bundler made
 * six files: the dialogs' modules one chunk each, and the modules both the entry and a dialog use in a chunk of their
 * own that the entry imports statically — loaded at first render anyway, only as a second request. Each chunk's
 * import and export lists and its separate compression cost ~3 KiB gzip in all; the two groups also make the first
 * render's load ~1.5 KiB smaller than entry + shared chunk was.
 */
const widgetChunks = {
  groups: [
    // `$initial`: a module the entry reaches through static imports. The group's chunk is the entry itself.
    { name: 'initial', tags: ['$initial' as const], priority: 2 },
    { name: 'dialogs', priority: 1 },
  ],
}

/**
 * The React component as an ESM library. React, react-dom and viem are the host's: left as imports so a dapp ships
 * one copy of each (and one viem, whose chain and client objects must be the same instances the dapp uses).
 * Everything else — core, the shared UI, mipd, idb — is bundled. No CSS file: the components render their styles.
 */
function widget(): UserConfig {
  return {
    root: repo,
    plugins: [squeezeStyleStrings(), react()],
    oxc: productionJsx,
    publicDir: false,
    build: {
      outDir: 'dist/widget',
      // The element build writes into the same directory afterwards (npm run build runs this one first).
      emptyOutDir: true,
      sourcemap: true,
      minify: true,
      lib: { entry: 'widget/index.ts', formats: ['es'], fileName: () => 'index.js' },
      rolldownOptions: {
        external: [/^react($|\/)/, /^react-dom($|\/)/, /^viem($|\/)/],
        // The entry may export more than index.ts does (names only the dialogs chunk imports): that lets the
        // modules the entry and the dialogs share stay in the entry (`widgetChunks`).
        preserveEntrySignatures: 'allow-extension',
        output: { minify: true, codeSplitting: widgetChunks },
        treeshake: treeshakeOpViem,
        onLog: quietOnLog,
      },
    },
  }
}

/**
 * The standalone `<superchain-relay>` element: one self-contained ES module with React, viem and everything else
 * inside, for pages that are not React apps. Library mode does not replace `process.env.NODE_ENV` (it expects the
 * app's bundler to), but nothing bundles this file again: without the define React's entry throws
 * `process is not defined` in the browser, or ships its development build.
 */
function element(): UserConfig {
  return {
    root: repo,
    plugins: [opStackWithoutSerializers(), squeezeStyleStrings(), react(), precomputedAbis()],
    oxc: productionJsx,
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: 'dist/widget',
      emptyOutDir: false,
      sourcemap: true,
      minify: true,
      lib: {
        entry: 'widget/element.standalone.ts',
        formats: ['es'],
        fileName: () => 'superchain-relay.element.js',
      },
      rolldownOptions: {
        // viem loads a few modules lazily (CCIP read…); inline them so the bundle stays a single file.
        output: { codeSplitting: false, minify: true },
        treeshake: treeshakeOpViem,
        onLog: quietOnLog,
      },
    },
  }
}

/**
 * The CLI for Node (`bin/superchain-relay.mjs` runs it). Compiling the TypeScript at every start with tsx cost 1.6–2 s
 * for `--help` and seconds more for a command; a built bundle starts in a fraction of that. Everything but Node's
 * own modules is bundled: resolving viem's hundreds of files from node_modules at every start is slow too, and a
 * bundled CLI cannot pick up a different viem than the one it was tested with. Each command stays its own chunk
 * (main.ts imports them lazily), so `--help` and a mistyped flag load no viem at all.
 */
function cli(): UserConfig {
  return {
    root: repo,
    publicDir: false,
    // Vite's SSR build is its build for Node; `noExternal: true` bundles the dependencies too.
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: 'cli/main.ts',
      outDir: 'dist/cli',
      emptyOutDir: true,
      target: 'node20',
      sourcemap: false,
      minify: false,
      rolldownOptions: {
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        treeshake: treeshakeOpViem,
        onLog: quietOnLog,
      },
    },
  }
}

/**
 * The demo dapp on Vite's dev server. It imports the widget from source, so an edit to src/ui or widget/ shows up
 * on reload.
 */
function demo(): UserConfig {
  return {
    root: at('examples/demo'),
    plugins: [react()],
    publicDir: at('public'),
    server: { port: 5173, strictPort: false },
    // Pre-bundle every dependency up front: a dependency discovered on first use makes Vite reload the page, which
    // would throw away a half-confirmed transaction in the demo (and a step of the e2e test).
    optimizeDeps: {
      include: [
        'react',
        'react/jsx-runtime',
        'react-dom/client',
        'viem',
        'viem/accounts',
        'viem/actions',
        'mipd',
        'idb',
        '@eth-optimism/viem/actions/interop',
        '@eth-optimism/viem/chains',
        '@eth-optimism/viem/utils/interop',
      ],
    },
  }
}

export const TARGETS = {
  extension: () => extension('chrome'),
  firefox: () => extension('firefox'),
  widget,
  element,
  cli,
  demo,
} as const
export type BuildTarget = keyof typeof TARGETS

export default defineConfig(({ mode }) => {
  const target = TARGETS[mode as BuildTarget]
  if (!target) {
    throw new Error(
      `vite.config.ts: unknown mode '${mode}'. Use --mode ${Object.keys(TARGETS).join(' | ')} (see the comment at the top).`,
    )
  }
  return target()
})
