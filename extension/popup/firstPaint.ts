/**
 * The popup's first paint, before React and the rest of the popup's code have loaded: one storage read (the
 * snapshot's first screen and the theme), the rows drawn as plain DOM with the markup RelayApp renders for the
 * same snapshot (src/ui/firstScreenMarkup.ts), then main.tsx is loaded and React replaces them in one commit
 * (docs/ARCHITECTURE.md §3).
 *
 * It is a classic script of its own, the only one popup.html names (vite.config.ts builds it apart from
 * main.tsx): one small file, nothing it imports at run time and no module preload beside it, so the page fetches
 * and compiles a few kB before the storage read starts (openRead.ts, evaluated first). The stylesheet is parsed
 * while the read is in flight, so only the rows are left to build when it answers.
 *
 * A click on the first paint's rows, tabs or Options button is not lost: the element is remembered and the same
 * one is clicked once React is in; focus moves over the same way (main.tsx).
 */
// First: the module that starts the storage read the rows wait for.
import { opened, readSnapshot } from './openRead'

import { clockTime, firstScreenMarkup, RELAY_APP_CSS, type Markup } from '../../src/ui'
import { POPUP_FIRST_SCREEN_KEY, readFirstScreenRecord } from '../shared/firstScreenRecord'
import type { FirstPaintHandoff, FirstPaintState, StorageValues } from './firstPaintHandoff'
import type * as PopupMain from './main'
import { AS_OF_TITLE, POPUP_CSS } from './popupCss'

/** main.tsx's built file (vite.config.ts defines it), loaded once the first rows are drawn. */
declare const __SCR_POPUP_MAIN__: string

/** RelayApp's and the page's rules, parsed now, while the read is in flight; React brings its own. */
const stylesheet = document.createElement('style')
stylesheet.textContent = `${RELAY_APP_CSS}\n${POPUP_CSS}`
document.head.append(stylesheet)

const THEMES = ['auto', 'light', 'dark'] as const
type PopupTheme = (typeof THEMES)[number]

/** The stored theme if it is one (settings.ts keeps each valid field the same way), else 'auto'. */
function storedTheme(values: StorageValues): PopupTheme {
  const theme = (values.settings as { theme?: unknown } | undefined)?.theme
  return THEMES.find((t) => t === theme) ?? 'auto'
}

function toDom(node: Markup): Node {
  if (typeof node === 'string') return document.createTextNode(node)
  const element = document.createElement(node.tag)
  for (const [name, value] of node.attrs) element.setAttribute(name, value)
  for (const child of node.children) element.append(toDom(child))
  return element
}

/** A selector for the element the user acted on, which finds its counterpart in React's tree. */
function counterpartOf(target: EventTarget | null): string | undefined {
  if (!(target instanceof Element)) return undefined
  const tab = target.closest('[role="tab"]')?.getAttribute('data-tab')
  if (tab) return `[role="tab"][data-tab="${tab}"]`
  const hash = target.closest('.scr-row-main')?.getAttribute('data-hash')
  if (hash) return `.scr-row-main[data-hash="${hash}"] .scr-row-summary`
  if (target.closest('.popup-footer button')) return '.popup-footer button'
  return undefined
}

/** The first paint's element clicked before React was in, as a selector for its counterpart. */
let pendingClick: string | undefined
const remember = (event: Event) => {
  pendingClick ??= counterpartOf(event.target)
}

function leave(): FirstPaintState {
  const root = document.getElementById('root')
  root?.removeEventListener('click', remember)
  stylesheet.remove()
  const focused = document.activeElement
  return {
    focus: focused && root?.contains(focused) ? counterpartOf(focused) : undefined,
    click: pendingClick,
    scrollTop: root?.querySelector('.scr-list')?.scrollTop ?? 0,
  }
}

function paint(values: StorageValues): void {
  const root = document.getElementById('root')
  // A notification opened this page on one message: that row is expanded, which only RelayApp draws.
  if (!root || new URLSearchParams(location.search).has('focus')) return
  const screen = readFirstScreenRecord(values[POPUP_FIRST_SCREEN_KEY])
  if (!screen) return
  const theme = storedTheme(values)
  document.documentElement.dataset.theme = theme
  // No stylesheet inside: the page's one is in already.
  const app = firstScreenMarkup(screen, { now: Date.now(), theme, title: 'Superchain Relay', css: '' })
  const footer: Markup = {
    tag: 'footer',
    attrs: [['class', 'popup-footer']],
    children: [
      { tag: 'span', attrs: [], children: [screen.footer] },
      {
        tag: 'span',
        attrs: [
          ['class', 'popup-as-of'],
          ['role', 'status'],
          ['title', AS_OF_TITLE],
        ],
        children: [`as of ${clockTime(screen.asOf)}`],
      },
      { tag: 'button', attrs: [['type', 'button']], children: ['Options'] },
    ],
  }
  root.append(toDom(app), toDom(footer))
  root.addEventListener('click', remember)
}

void opened
  .then(paint)
  .catch((error: unknown) => console.warn('no first paint:', error))
  // After the frame that shows the rows: parsing React first would hold that frame back.
  .finally(() =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        // Read while React's code is fetched and compiled: it needs the whole snapshot, the rows did not.
        const handoff: FirstPaintHandoff = { opened, snapshot: readSnapshot(), leave }
        import(/* @vite-ignore */ __SCR_POPUP_MAIN__)
          .then((main: typeof PopupMain) => main.startPopup(handoff))
          .catch((error: unknown) => console.error('the popup did not load:', error))
      }),
    ),
  )
