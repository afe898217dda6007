import { Checkbox, Text } from '@mantine/core'
import { memo } from 'react'
import type { KeyboardEvent, MouseEvent } from 'react'

import type { PairDto } from '../../../../src-shared/contract/pairs'
import { JudgeScore } from '../../../components/JudgeScore/JudgeScore'
import { LengthDelta } from '../../../components/LengthDelta/LengthDelta'
import { StatusBadge } from '../../../components/StatusBadge/StatusBadge'
import { TierBadge } from '../../../components/TierBadge/TierBadge'
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

/** One pair in the browser; memoized so scrolling re-renders only rows entering the window. */
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
        <Checkbox
          size="xs"
          aria-label={`Select pair ${pair.id}`}
          checked={props.selected}
          onChange={(event) =>
            props.onToggle(
              pair.id,
              props.index,
              (event.nativeEvent as globalThis.MouseEvent).shiftKey ?? false
            )
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
        <Text size="sm" lineClamp={1} title={pair.question}>
          {pair.question}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {pair.chosen}
        </Text>
      </div>
      <div role="cell">
        <TierBadge tier={pair.tier} size="xs" />
      </div>
      <div role="cell">
        <StatusBadge status={pair.status} size="xs" />
      </div>
      <div role="cell">
        <LengthDelta tokens={pair.deltaTokens} chars={pair.deltaChars} compact />
      </div>
      <div role="cell">
        <JudgeScore score={pair.judgeScore} />
      </div>
      <div role="cell">
        <Text size="xs" ff="monospace" lineClamp={1} title={pair.recipeKey ?? pair.origin}>
          {pair.recipeKey ?? pair.origin}
        </Text>
      </div>
    </div>
  )
})
