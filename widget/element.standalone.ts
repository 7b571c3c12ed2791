/**
 * Entry of the standalone bundle (`dist/widget/superchain-relay.element.js`): loading the script registers
 * `<superchain-relay>`; nothing else is needed on the page.
 */
import { defineSuperchainRelayElement } from './element'

export { defineSuperchainRelayElement, ELEMENT_NAME } from './element'
export type { SuperchainRelayElement, SuperchainRelayEvent } from './element'
export { validateWidgetConfig } from './config'
export type { SuperchainRelayConfig } from './config'
export type { SuperchainRelayEventMap } from './events'

defineSuperchainRelayElement()
