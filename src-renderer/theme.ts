import { createTheme } from '@mantine/core'

/** Hardness tiers keep one colour everywhere they appear (badges, charts, filters). */
export const TIER_COLORS = { 1: 'teal', 2: 'indigo', 3: 'grape' } as const

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "JetBrains Mono", Menlo, monospace'
})
