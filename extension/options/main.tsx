/** The options page entry. */
import { createRoot } from 'react-dom/client'

import { applyTheme } from '../shared/theme'
import { OptionsApp } from './OptionsApp'

applyTheme('auto')
const root = document.getElementById('root')
if (root) createRoot(root).render(<OptionsApp />)
