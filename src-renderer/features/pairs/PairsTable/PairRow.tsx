import { memo } from 'react'
import type { KeyboardEvent, MouseEvent } from 'react'

import type { PairDto } from '../../../../src-shared/contract/pairs'
import { formatSigned } from '../../../components/LengthDelta/LengthDelta'
import { STATUS_COLORS, STATUS_LABELS } from '../../../components/StatusBadge/StatusBadge'
import { TIER_DESCRIPTIONS } from '../../../components/TierBadge/TierBadge'
import { TIER_COLORS } from '../../../theme'
import classes from './PairsTable.module.css'
import { Thumb } from './Thumb'

type Props = Readonly<{
  pair: PairDto
  index: number
  top: number
  height: number
  selected: boolean
  onToggle(id: number, index: number, shift: boolean): void
  onOpen(id: number): void
}>

const color = (name: string, kind: 'light' | 'filled') =>
  kind === 'light'
    ? {
        background: `var(--mantine-color-${name}-light)`,
        color: `var(--mantine-color-${name}-light-color)`
      }
    : { background: `var(--mantine-color-${name}-filled)`, color: 'var(--mantine-color-white)' }

const deltaColor = (v: number | null) =>
  v === null || v === 0
    ? 'var(--mantine-color-dimmed)'
    : v > 0
      ? 'var(--mantine-color-orange-text)'
      : 'var(--mantine-color-blue-text)'

const fmt = (x: number | null) => (x === null ? 'no verdict' : x.toFixed(2))

const judgeColor = (s: number) =>
  s >= 0.7
    ? 'var(--mantine-color-teal-text)'
    : s >= 0.5
      ? 'var(--mantine-color-yellow-text)'
      : 'var(--mantine-color-red-text)'

/**
 * One pair in the browser. Plain elements only and memoized: while scrolling, rows mount every
 * frame and must stay far below the frame budget.
 */
export const PairRow = memo(function PairRow(props: Props) {
  const { pair } = props
  const hq = pair.hqImages[0]
  const lq = pair.lqImages[0]
  const more = pair.hqImages.length - 1
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return
    if (event.key === 'Enter') props.onOpen(pair.id)
    if (event.key === ' ' || event.key === 'x') {
      event.preventDefault()
      props.onToggle(pair.id, props.index, event.shiftKey)
    }
  }
  const status = pair.status
  return (
    <div
      role="row"
      tabIndex={0}
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      aria-label={`Pair ${pair.id}`}
      data-pair-id={pair.id}
      className={`${classes.grid} ${classes.row} ${props.selected ? classes.selected : ''}`}
      style={{ height: props.height, transform: `translateY(${props.top}px)` }}
      onClick={() => props.onOpen(pair.id)}
      onKeyDown={onKeyDown}
    >
      <div role="cell" onClick={(e: MouseEvent) => e.stopPropagation()}>
        <input
          type="checkbox"
          className={classes.check}
          aria-label={`Select pair ${pair.id}`}
          checked={props.selected}
          onChange={(event) =>
            props.onToggle(pair.id, props.index, (event.nativeEvent as PointerEvent).shiftKey)
          }
        />
      </div>
      <div role="cell" className={classes.thumbs}>
        {hq ? <Thumb image={hq} alt={`HQ of pair ${pair.id}`} /> : null}
        {lq ? <Thumb image={lq} alt={`LQ of pair ${pair.id}`} /> : null}
        {more > 0 ? (
          <span className={classes.more} aria-label={`${more} more images`}>
            +{more}
          </span>
        ) : null}
      </div>
      <div role="cell" className={classes.question}>
        <div className={classes.line} title={pair.question}>
          {pair.question}
        </div>
        <div className={classes.sub}>{pair.chosen}</div>
      </div>
      <div role="cell">
        <span
          className={classes.pill}
          style={color(TIER_COLORS[pair.tier], 'light')}
          title={TIER_DESCRIPTIONS[pair.tier]}
          aria-label={`Tier ${pair.tier}`}
        >
          T{pair.tier}
        </span>
      </div>
      <div role="cell">
        <span
          className={classes.pill}
          style={
            status === 'pending'
              ? { boxShadow: 'inset 0 0 0 1px var(--mantine-color-gray-outline)' }
              : color(STATUS_COLORS[status], 'filled')
          }
          aria-label={`Status: ${STATUS_LABELS[status]}`}
        >
          {STATUS_LABELS[status]}
        </span>
      </div>
      <div role="cell" title="Rejected minus chosen">
        {pair.deltaTokens === null ? (
          <span className={classes.unit}>—</span>
        ) : (
          <span
            className={classes.num}
            style={{ color: deltaColor(pair.deltaTokens) }}
            aria-label={`Length delta: ${formatSigned(pair.deltaTokens)} tokens`}
          >
            {formatSigned(pair.deltaTokens)} <span className={classes.unit}>tok</span>
          </span>
        )}
      </div>
      <div role="cell">
        {pair.judgeScore === null ? (
          <span
            className={classes.unit}
            aria-label={pair.judge ? 'Judge score: no verdict' : 'Judge score: not judged'}
            title={
              pair.judge ? `Judge ${pair.judge.model}: no verdict token in either order` : undefined
            }
          >
            {pair.judge ? 'n/v' : '—'}
          </span>
        ) : (
          <span
            className={classes.num}
            style={{ color: judgeColor(pair.judgeScore) }}
            aria-label={`Judge score ${pair.judgeScore.toFixed(2)}${pair.judge?.reversed ? ', reversed' : ''}`}
            title={
              pair.judge
                ? `Judge ${pair.judge.model}: chosen first ${fmt(pair.judge.chosenFirst)}, rejected first ${fmt(pair.judge.rejectedFirst)}`
                : undefined
            }
          >
            {pair.judgeScore.toFixed(2)}
            {pair.judge?.reversed ? ' ⇄' : ''}
          </span>
        )}
      </div>
      <div role="cell" className={classes.mono} title={pair.recipeKey ?? pair.origin}>
        {pair.recipeKey ?? pair.origin}
      </div>
    </div>
  )
})
