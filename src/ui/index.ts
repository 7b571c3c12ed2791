/**
 * The public surface of the shared UI: what the extension's pages and the widget render. A lint rule keeps shells
 * on this file (docs/ARCHITECTURE.md §1).
 */
export { RelayApp } from './RelayApp'
export { chainName, errorText, shortAddress } from './format'
export {
  DARK_PALETTE,
  LIGHT_PALETTE,
  resolvedVariable,
  SHAPE,
  THEME_VARIABLES,
  themeClassName,
  type ThemeName,
  type ThemeVariable,
} from './theme'
