/**
 * Set by the extension builds (vite.config.ts): true in the unpacked builds `npm run build` writes, false in the
 * store builds `npm run package` zips, where the code it guards is dropped. Unit tests run without the define.
 */
declare const __SCR_TEST_HOOKS__: boolean | undefined
