/**
 * The popup: the shared RelayApp over the background tracker. `?focus=<hash>` (a notification opened this page in
 * a window) or the hash the background kept for the real popup opens it on one message.
 */
import { createRoot } from 'react-dom/client'
import type { Hex } from 'viem'

import { applyTheme } from '../shared/theme'
import { PopupApp } from './PopupApp'

const param = new URLSearchParams(location.search).get('focus')
const focusHash = param && /^0x[0-9a-fA-F]{64}$/.test(param) ? (param as Hex) : undefined

applyTheme('auto')
const root = document.getElementById('root')
if (root) createRoot(root).render(<PopupApp focusHash={focusHash} />)
