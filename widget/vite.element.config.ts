/**
 * The standalone `<superchain-relay>` element: one self-contained ES module with React, viem and everything else
 * inside, for pages that are not React apps. One file, so a host adds a single <script type="module">.
 *
 * Vite's library mode does not replace `process.env.NODE_ENV` (it expects the app's bundler to), but nothing
 * bundles this file again: without the define, React's entry throws `process is not defined` in the browser, or
 * ships its development build (DESIGN.md §6).
 */
import { fileURLToPath } from 'node:url'

import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const repo = fileURLToPath(new URL('..', import.meta.url))

export default defineConfig({
  root: repo,
  plugins: [react()],
  // Production JSX whatever NODE_ENV says: Vite derives the JSX mode from NODE_ENV, and a build run with
  // NODE_ENV=test or development (vitest, a dev shell) would emit jsxDEV calls, which React's production build
  // does not export — the widget would render nothing.
  oxc: { jsx: { development: false } },
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
      output: { codeSplitting: false },
      // @eth-optimism/viem declares no "sideEffects": false, so every chain and ABI it defines would be kept. Its
      // modules only define values; saying so lets the bundler drop the mainnet/testnet chains core never uses.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/node_modules/@eth-optimism/viem/') },
    },
  },
})
