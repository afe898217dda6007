import { Text } from '@mantine/core'
import { useMemo } from 'react'

import { diffWords, sideOfDiff } from '../../../src-shared/domain/word-diff'
import type { DiffSegment } from '../../../src-shared/domain/word-diff'
import classes from './AnswerDiff.module.css'

/** Word diff of chosen against rejected, computed once per pair of texts. */
export function useWordDiff(chosen: string, rejected: string): readonly DiffSegment[] {
  return useMemo(() => diffWords(chosen, rejected), [chosen, rejected])
}

/**
 * One side of the diff: the chosen text (`a`) with the words rejected lacks marked, or the
 * rejected text (`b`) with the words chosen lacks marked. Unmarked when `highlight` is off.
 */
export function AnswerDiff(
  props: Readonly<{ segments: readonly DiffSegment[]; side: 'a' | 'b'; highlight: boolean }>
) {
  const shown = sideOfDiff(props.segments, props.side)
  return (
    <Text component="div" size="sm" className={classes.text}>
      {shown.map((segment, index) =>
        segment.op === 'equal' || !props.highlight ? (
          <span key={index}>{segment.text}</span>
        ) : (
          <mark
            key={index}
            className={segment.op === 'removed' ? classes.removed : classes.added}
            data-diff={segment.op}
          >
            {segment.text}
          </mark>
        )
      )}
    </Text>
  )
}
