import { fireEvent, screen } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'

import type { CompositionDto } from '../../../src-shared/contract/compose'
import { createClient } from '../../../src-shared/rpc/client'
import { setApiForTests } from '../../api/client'
import { renderWithMantine } from '../../test-utils/renderWithMantine'
import { ComposedImages } from './ComposedImages'
import { useSyncedView } from './useSyncedView'

const image = (sha: string, position = 0) => ({
  sha256: sha.repeat(64).slice(0, 64),
  width: 512,
  height: 384,
  format: 'png',
  position,
  recipeKey: null
})

function composition(over: Partial<CompositionDto>): CompositionDto {
  const sources = (['distractor', 'target', 'distractor'] as const).map((role, position) => ({
    position,
    sampleId: position + 10,
    role,
    image: image(String(position + 1))
  }))
  return {
    sampleId: 99,
    tier: 1,
    layout: 'sequence',
    template: 'locate',
    seed: 7,
    imageCount: 3,
    question: 'In Image 2, what colour is the dot?',
    groundTruth: 'red',
    guidedQuestion: 'What colour is the dot?',
    images: sources.map((s, i) => image(String(i + 1), i)),
    sources,
    jobId: null,
    createdAt: '2026-01-01T00:00:00Z',
    ...over
  }
}

function Harness(props: Readonly<{ composition: CompositionDto }>) {
  return <ComposedImages composition={props.composition} synced={useSyncedView()} />
}

beforeAll(() => {
  setApiForTests(
    createClient({
      request: async (method) => ({ ok: false, error: { code: 'NOT_FOUND', message: method } }),
      subscribe: () => () => undefined,
      mediaUrl: (ref) => `/media/${ref.sha256}`
    })
  )
})

describe('ComposedImages', () => {
  it('numbers a sequence as the prompt does, outlines the target and shows the guided image', () => {
    const { container } = renderWithMantine(<Harness composition={composition({})} />)
    for (const k of [1, 2, 3]) expect(screen.getByRole('img', { name: `Image ${k}` })).toBeTruthy()
    const outlined = container.querySelectorAll('[data-outlined="true"]')
    // The target in the strip and the guided image beside it.
    expect(outlined).toHaveLength(2)
    expect(screen.getByRole('img', { name: 'Guided image 2' }).getAttribute('src')).toBe(
      `/media/${'2'.repeat(64)}`
    )
    expect(screen.getByLabelText('Guided question').textContent).toBe('What colour is the dot?')
  })

  it('keeps every pane under one zoom', () => {
    const { container } = renderWithMantine(<Harness composition={composition({})} />)
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }))
    const zooms = [...container.querySelectorAll('[data-zoom]')].map((p) =>
      p.getAttribute('data-zoom')
    )
    expect(zooms).toHaveLength(4)
    expect(new Set(zooms).size).toBe(1)
    expect(Number(zooms[0])).toBeGreaterThan(1)
  })

  it('shows a grid as one image over its numbered sources, and says when no guided form exists', () => {
    renderWithMantine(
      <Harness
        composition={composition({
          layout: 'grid',
          images: [image('g')],
          guidedQuestion: null,
          template: 'find-image',
          tier: 3
        })}
      />
    )
    expect(screen.getByRole('img', { name: 'Grid collage' })).toBeTruthy()
    expect(screen.getAllByRole('img', { name: /^Image \d$/ })).toHaveLength(3)
    expect(screen.getByText(/No guided form: chosen is the computed ground truth/)).toBeTruthy()
  })
})
