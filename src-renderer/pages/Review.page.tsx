import { Alert, Grid, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core'
import { useDisclosure, useLocalStorage } from '@mantine/hooks'
import { useState } from 'react'

import { AnswerPanel } from '../features/review/AnswerPanel/AnswerPanel'
import { useWordDiff } from '../components/AnswerDiff/AnswerDiff'
import { EmptyState } from '../components/EmptyState/EmptyState'
import { ComposedImages } from '../components/ImageCompare/ComposedImages'
import { ImageCompare } from '../components/ImageCompare/ImageCompare'
import { useSyncedView } from '../components/ImageCompare/useSyncedView'
import { ShortcutSheet } from '../components/ShortcutSheet/ShortcutSheet'
import { useShortcuts } from '../components/ShortcutSheet/useShortcuts'
import { usePairFilterState } from '../features/pairs/usePairFilterState'
import { NoteTagDialog } from '../features/review/NoteTagDialog/NoteTagDialog'
import type { DialogKind } from '../features/review/NoteTagDialog/NoteTagDialog'
import { PairDetails } from '../features/review/PairDetails/PairDetails'
import { PairHistory } from '../features/review/PairHistory/PairHistory'
import { ReviewToolbar } from '../features/review/ReviewToolbar/ReviewToolbar'
import { reviewShortcuts } from '../features/review/reviewShortcuts'
import { useReviewActions } from '../features/review/useReviewActions'
import { useReviewPair } from '../features/review/useReviewPair'

export function ReviewPage() {
  const { filter, sort, query } = usePairFilterState()
  const review = useReviewPair(filter, sort)
  const { pair, neighbors } = review
  const actions = useReviewActions(pair, {
    next: neighbors?.next ?? null,
    prev: neighbors?.prev ?? null,
    goTo: review.goTo
  })
  const synced = useSyncedView()
  const [editing, setEditing] = useState<'chosen' | 'rejected' | null>(null)
  const [dialog, setDialog] = useState<DialogKind | null>(null)
  const [help, { open: openHelp, close: closeHelp, toggle: toggleHelp }] = useDisclosure(false)
  const [highlight, setHighlight] = useLocalStorage({
    key: 'delta-studio.diff-highlight',
    defaultValue: true,
    getInitialValueInEffect: false
  })
  const segments = useWordDiff(pair?.chosen ?? '', pair?.rejected ?? '')

  // A new pair starts unzoomed and with no editor open.
  const [shownId, setShownId] = useState(pair?.id)
  if (pair && pair.id !== shownId) {
    setShownId(pair.id)
    setEditing(null)
    synced.fit()
  }

  const canUndo = Boolean(review.undoState?.undo)
  const canRedo = Boolean(review.undoState?.redo)
  const shortcuts = reviewShortcuts(
    {
      accept: () => actions.apply({ op: 'accept' }),
      reject: () => actions.apply({ op: 'reject' }),
      swap: () => actions.apply({ op: 'swap' }),
      editChosen: () => setEditing('chosen'),
      editRejected: () => setEditing('rejected'),
      tier: (tier) => actions.apply({ op: 'setTier', tier }),
      note: () => setDialog('note'),
      tag: () => setDialog('tag'),
      next: actions.next,
      prev: actions.prev,
      undo: actions.undo,
      redo: actions.redo,
      toggleAutoAdvance: () => actions.setAutoAdvance(!actions.autoAdvance),
      toggleHighlight: () => setHighlight(!highlight),
      help: toggleHelp,
      canUndo,
      canRedo
    },
    synced
  )
  // Keys are off while a dialog or an editor owns the keyboard.
  useShortcuts(dialog || editing || help ? [] : shortcuts)

  if (!pair) {
    return (
      <Stack gap="lg">
        <Title order={2}>Review</Title>
        {review.noMatch ? (
          <EmptyState title="Nothing to review">No pairs match these filters.</EmptyState>
        ) : review.pairError ? (
          <EmptyState title="Pair not found">{review.pairError.message}</EmptyState>
        ) : (
          <Text c="dimmed">Loading…</Text>
        )}
      </Stack>
    )
  }

  const save = (slot: 'chosen' | 'rejected') => (text: string | null) => {
    actions.apply(slot === 'chosen' ? { op: 'editChosen', text } : { op: 'editRejected', text })
    setEditing(null)
  }
  return (
    <Stack gap="sm" data-pair-id={pair.id}>
      <VisuallyHidden>
        <Title order={2}>Review</Title>
      </VisuallyHidden>
      <ReviewToolbar
        pair={pair}
        neighbors={neighbors}
        canUndo={canUndo}
        canRedo={canRedo}
        autoAdvance={actions.autoAdvance}
        busy={actions.busy}
        onAutoAdvance={actions.setAutoAdvance}
        onAccept={() => actions.apply({ op: 'accept' })}
        onReject={() => actions.apply({ op: 'reject' })}
        onSwap={() => actions.apply({ op: 'swap' })}
        onTier={(tier) => actions.apply({ op: 'setTier', tier })}
        onNote={() => setDialog('note')}
        onTag={() => setDialog('tag')}
        onUndo={actions.undo}
        onRedo={actions.redo}
        onPrev={actions.prev}
        onNext={actions.next}
        onHelp={openHelp}
        listHref={`/pairs${query ? `?${query}` : ''}`}
      />
      {actions.error ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          withCloseButton
          onClose={actions.dismissError}
          p="xs"
        >
          {actions.error}
        </Alert>
      ) : null}
      <Grid gap="sm">
        <Grid.Col span={7}>
          {pair.composition ? (
            <ComposedImages composition={pair.composition} synced={synced} height={300} />
          ) : (
            <ImageCompare hq={pair.hqImages} lq={pair.lqImages} synced={synced} height={300} />
          )}
        </Grid.Col>
        <Grid.Col span={5}>
          <Stack gap="xs">
            <Paper withBorder p="sm" component="section" aria-label="Question">
              <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                Question
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {pair.question}
              </Text>
            </Paper>
            <PairDetails pair={pair} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Grid gap="sm">
        {(['chosen', 'rejected'] as const).map((slot) => (
          <Grid.Col span={6} key={slot}>
            <AnswerPanel
              slot={slot}
              text={slot === 'chosen' ? pair.chosen : pair.rejected}
              original={slot === 'chosen' ? pair.chosenOriginal : pair.rejectedOriginal}
              edited={slot === 'chosen' ? pair.chosenEdited : pair.rejectedEdited}
              tokens={slot === 'chosen' ? pair.chosenTokens : pair.rejectedTokens}
              correct={slot === 'chosen' ? pair.chosenCorrect : pair.rejectedCorrect}
              segments={segments}
              highlight={highlight}
              editing={editing === slot}
              onEdit={() => setEditing(slot)}
              onCancel={() => setEditing(null)}
              onSave={save(slot)}
            />
          </Grid.Col>
        ))}
      </Grid>
      <Paper withBorder p="sm" component="section" aria-label="History">
        <Text size="xs" c="dimmed" fw={700} tt="uppercase" mb={4}>
          History
        </Text>
        <PairHistory events={review.history} />
      </Paper>
      <ShortcutSheet opened={help} onClose={closeHelp} shortcuts={shortcuts} />
      <NoteTagDialog
        kind={dialog}
        note={pair.note}
        onClose={() => setDialog(null)}
        onSaveNote={(note) => {
          actions.apply({ op: 'setNote', note })
          setDialog(null)
        }}
        onAddTag={(tag) => {
          actions.apply({ op: 'addTag', tag })
          setDialog(null)
        }}
      />
    </Stack>
  )
}
