/**
 * The widget's library entry (ESM; React, react-dom and viem are peers). The standalone custom element has its own
 * entry, `element.standalone.ts`, built into one file with React inside.
 */
export { SuperchainRelayWidget } from './SuperchainRelayWidget'
export type { SuperchainRelayHandle, SuperchainRelayWidgetProps } from './SuperchainRelayWidget'
export { DEFAULT_STORAGE_NAME, InvalidWidgetConfigError, resolveTheme, validateWidgetConfig } from './config'
export type {
  ChainConfig,
  SuperchainRelayConfig,
  ThemeName,
  ThemeVariable,
  ThemeVariables,
  WidgetTheme,
} from './config'
export type {
  MessageStatus,
  SuperchainRelayCallbacks,
  SuperchainRelayEventMap,
  SuperchainRelayEventName,
  TrackedMessage,
} from './events'
export { defineSuperchainRelayElement, ELEMENT_NAME } from './element'
export type { SuperchainRelayElement, SuperchainRelayEvent } from './element'
