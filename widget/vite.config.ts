/**
 * The React component as an ESM library (`dist/widget/index.js`). React, react-dom and viem are the host's: left as
 * imports so a dapp ships one copy of each (and one viem, whose chain and client objects must be the same
 * instances the dapp uses). Everything else — core, the shared UI, mipd, idb — is bundled. No CSS file: styles are
 * rendered by the components themselves.
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
  build: {
    outDir: 'dist/widget',
    // The element build writes into the same directory afterwards (npm run build:widget runs this one first).
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: 'widget/index.ts',
      formats: ['es'],
      fileName: () => 'index.js',
    },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^viem($|\/)/],
      // @eth-optimism/viem declares no "sideEffects": false, so every chain and ABI it defines would be kept. Its
      // modules only define values; saying so lets the bundler drop the mainnet/testnet chains core never uses.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/node_modules/@eth-optimism/viem/') },
    },
  },
})
