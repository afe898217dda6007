import '@mantine/core/styles.css'
import '@mantine/charts/styles.css'

import { createRoot } from 'react-dom/client'

import { App } from './App'

createRoot(document.getElementById('root') as HTMLElement).render(<App />)
