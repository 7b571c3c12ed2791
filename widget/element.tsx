/**
 * `<superchain-relay>`: the widget as a custom element, for pages without React (the standalone bundle brings its
 * own). It renders into a shadow root, so the page's selectors cannot reach inside; and because inherited properties
 * (color, font, letter-spacing…) still cross a shadow boundary, the first box inside resets them with
 * `all: initial`. Only the `--scr-*` custom properties, which `all` leaves alone, come through: that is the theming
 * contract.
 *
 *   <superchain-relay theme="dark" widget-title="Transfers" chains='[{"id":901,"name":"A","rpcUrl":"http://127.0.0.1:9545","nativeSymbol":"ETH"}]'>
 *   el.config = { chains, provider, accounts, theme }   // or set the whole config from script
 *   await el.track(txHash, 901)
 *   el.addEventListener('relayed', (e) => e.detail.message)
 */
import { createRef, type RefObject } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import type { Hex } from 'viem'

import { type TrackedMessage } from '../src/core'
import { ATTRIBUTES, withAttribute, type AttributeName } from './attributes'
import type { SuperchainRelayConfig } from './config'
import { errorDetail, type SuperchainRelayEventMap, type SuperchainRelayEventName } from './events'
import { SuperchainRelayWidget, type SuperchainRelayHandle } from './SuperchainRelayWidget'

export const ELEMENT_NAME = 'superchain-relay'

export type SuperchainRelayEvent<K extends SuperchainRelayEventName> = CustomEvent<SuperchainRelayEventMap[K]>

const SHADOW_CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
.scrw-shadow { all: initial; display: block; }
`

/**
 * `HTMLElement` whose `addEventListener` knows the widget's events (typed `detail`), built lazily like the element:
 * `HTMLElement` does not exist in Node.
 */
function typedEventElement() {
  return class extends HTMLElement {
    override addEventListener<K extends SuperchainRelayEventName>(
      type: K,
      listener: (this: HTMLElement, event: SuperchainRelayEvent<K>) => unknown,
      options?: boolean | AddEventListenerOptions,
    ): void
    override addEventListener<K extends keyof HTMLElementEventMap>(
      type: K,
      listener: (this: HTMLElement, event: HTMLElementEventMap[K]) => unknown,
      options?: boolean | AddEventListenerOptions,
    ): void
    override addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ): void
    override addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject | ((event: never) => unknown),
      options?: boolean | AddEventListenerOptions,
    ): void {
      super.addEventListener(type, listener as EventListenerOrEventListenerObject, options)
    }
  }
}

type Emit = <K extends SuperchainRelayEventName>(type: K, detail: SuperchainRelayEventMap[K]) => void

/** What the element renders for a config: nothing until it has chains. */
function widgetFor(
  config: Partial<SuperchainRelayConfig>,
  handle: RefObject<SuperchainRelayHandle | null>,
  emit: Emit,
) {
  if (!config.chains) return null
  return (
    <SuperchainRelayWidget
      {...(config as SuperchainRelayConfig)}
      ref={handle}
      onMessageUpdated={(d) => emit('messageUpdated', d)}
      onRelayed={(d) => emit('relayed', d)}
      onError={(d) => emit('error', d)}
    />
  )
}

/** React attaches the ref in the commit after a render; give it the few frames that takes. */
async function handleOf(handle: RefObject<SuperchainRelayHandle | null>): Promise<SuperchainRelayHandle> {
  for (let i = 0; i < 100 && !handle.current; i++) await new Promise((r) => setTimeout(r, 20))
  if (!handle.current) throw new Error('<superchain-relay> has no valid config yet: set its chains first')
  return handle.current
}

/** The constructor exists only where the DOM does; built lazily so importing this module in Node is harmless. */
function defineElementClass() {
  return class SuperchainRelayElement extends typedEventElement() {
    static observedAttributes = [...ATTRIBUTES]

    #config: Partial<SuperchainRelayConfig> = {}
    #root?: Root
    #mount?: HTMLDivElement
    #handle = createRef<SuperchainRelayHandle>()

    constructor() {
      super()
      const shadow = this.attachShadow({ mode: 'open' })
      const style = document.createElement('style')
      style.textContent = SHADOW_CSS
      this.#mount = document.createElement('div')
      this.#mount.className = 'scrw-shadow'
      shadow.append(style, this.#mount)
    }

    /** The whole config; setting it replaces what attributes said. */
    get config(): Partial<SuperchainRelayConfig> {
      return { ...this.#config }
    }
    set config(value: Partial<SuperchainRelayConfig>) {
      this.#config = { ...value }
      this.#render()
    }

    /** Track the messages a source transaction emitted; see SuperchainRelayHandle.track. */
    async track(transactionHash: Hex, chainId: number): Promise<TrackedMessage[]> {
      if (!this.isConnected)
        throw new Error('<superchain-relay> is not in the document: append it, then track')
      return (await handleOf(this.#handle)).track(transactionHash, chainId)
    }

    connectedCallback() {
      this.#root ??= createRoot(this.#mount!)
      this.#render()
    }

    disconnectedCallback() {
      // Unmounting stops the tracker's polling and closes the history. Deferred a microtask: a node *moved* in the
      // DOM is disconnected and reconnected synchronously, and should not lose its state.
      queueMicrotask(() => {
        if (this.isConnected) return
        this.#root?.unmount()
        this.#root = undefined
      })
    }

    attributeChangedCallback(name: AttributeName, _old: string | null, value: string | null) {
      const { config, error } = withAttribute(this.#config, name, value)
      this.#config = config
      if (error) this.dispatchEvent(new CustomEvent('error', { detail: errorDetail(error, 'config') }))
      this.#render()
    }

    // Not bubbling: an 'error' event reaching window would look like a script error to the page's error trackers.
    #emit: Emit = (type, detail) => {
      this.dispatchEvent(new CustomEvent(type, { detail }))
    }

    #render() {
      if (!this.#root || !this.isConnected) return
      this.#root.render(widgetFor(this.#config, this.#handle, this.#emit))
    }
  }
}

export type SuperchainRelayElement = InstanceType<ReturnType<typeof defineElementClass>>

/** Register `<superchain-relay>` (idempotent: a page may load the bundle twice). */
export function defineSuperchainRelayElement(name = ELEMENT_NAME): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return
  customElements.define(name, defineElementClass())
}

declare global {
  interface HTMLElementTagNameMap {
    'superchain-relay': SuperchainRelayElement
  }
}
