/**
 * The public surface of the shared UI: what the extension's pages and the widget render. A lint rule keeps shells
 * on this file (docs/ARCHITECTURE.md §1).
 */
export { RelayApp, type RelayAppProps } from './RelayApp'
export { buildMessagePreview, PREVIEW_ROWS_PER_TAB, type MessagePreview } from './messagePreview'
export { buildFirstScreen, FIRST_SCREEN_ROWS, type FirstScreen, type FirstScreenRow } from './firstScreen'
export { firstScreenMarkup, type Markup, type MarkupElement } from './firstScreenMarkup'
export { RELAY_APP_CSS } from './styles'
export type { MessageTab } from './directions'
export { chainName, clockTime, errorText, shortAddress } from './format'
export { explainError, errorSummary, hostOf, type ErrorKind, type ErrorWords } from './errorWords'
export { ErrorNotice } from './ErrorNotice'
export { ChainNotices, chainNoticeSentence } from './ChainNotices'
export { ErrorBoundary, type ErrorBoundaryProps } from './ErrorBoundary'
export { CopyButton } from './CopyButton'
export type { ChainHealth, ChainHealthState } from './chainHealth'
export { createVisibleChangeFilter, visibleState } from './visibleChange'
export { cliRelayCommands } from './relayElsewhere'
export { STATUS_LABELS, STATUS_TONES, type StatusTone } from './statusText'
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
