import { Badge } from '@mantine/core'

import type { Tier } from '../../../src-shared/domain/pair-filter'
import { TIER_COLORS } from '../../theme'

/** What each hardness tier means (DESIGN §1, method 3). */
export const TIER_DESCRIPTIONS: Record<Tier, string> = {
  1: 'Single-image localized reasoning',
  2: 'Multi-image localized comparison',
  3: 'Global visual search across images'
}

/** Hardness tier, in the tier's colour everywhere it appears. */
export function TierBadge(props: Readonly<{ tier: Tier; size?: 'xs' | 'sm' | 'md' }>) {
  return (
    <Badge
      title={TIER_DESCRIPTIONS[props.tier]}
      color={TIER_COLORS[props.tier]}
      variant="light"
      size={props.size ?? 'sm'}
      aria-label={`Tier ${props.tier}`}
    >
      T{props.tier}
    </Badge>
  )
}
