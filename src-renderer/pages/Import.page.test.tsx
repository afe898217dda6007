import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { FakeRpcError, fakeCore, renderPage } from '../test-utils/fakeCore'
import { ImportPage } from './Import.page'

const project = { dir: '/p', name: 'p', createdAt: '2026-01-01T00:00:00Z' }
const job = {
  id: 'import-1',
  kind: 'import',
  status: 'completed',
  params: {},
  done: 3,
  total: 3,
  unit: 'rows',
  itemsPerSecond: null,
  tokensPerSecond: null,
  etaSeconds: null,
  message: null,
  error: null,
  errorCount: 1,
  stats: null,
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  finishedAt: null
}

describe('ImportPage', () => {
  it(
    'names a source the core refuses, previews a folder, then lists row errors after the job',
    { timeout: 20_000 },
    async () => {
      const core = fakeCore({
        'project.current': () => project,
        'ingest.preview': (input) => {
          const { source } = input as { source: string }
          if (source === '/empty')
            throw new FakeRpcError('BAD_INPUT', 'folder "/empty" holds no images')
          return {
            format: 'folder',
            questionsFile: 'questions.jsonl',
            rows: 3,
            looseImages: 0,
            preview: [
              {
                where: 'questions.jsonl line 1',
                images: ['a.png'],
                question: 'Q?',
                answer: '4',
                error: null
              },
              {
                where: 'questions.jsonl line 2',
                images: ['b.png'],
                question: 'R?',
                answer: null,
                error: 'image "b.png" does not exist'
              }
            ],
            parseErrors: [],
            parseErrorCount: 0,
            hint: null
          }
        },
        'jobs.start': () => ({ jobId: 'import-1' }),
        'jobs.get': () => job,
        'jobs.errors': () => ({
          total: 1,
          items: [
            {
              id: 1,
              item: 'questions.jsonl line 2',
              reason: 'image "b.png" does not exist',
              at: ''
            }
          ]
        })
      })
      renderPage(<ImportPage />)
      const source = await screen.findByRole('textbox', { name: /^Source/ })
      expect(screen.getByRole('button', { name: 'Start import' })).toHaveProperty('disabled', true)

      fireEvent.change(source, { target: { value: '/empty' } })
      fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
      expect((await screen.findByRole('alert')).textContent).toBe('folder "/empty" holds no images')
      expect(core.callsOf('jobs.start')).toEqual([])

      fireEvent.change(source, { target: { value: '/data/folder' } })
      fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
      expect((await screen.findByLabelText('Detected format')).textContent).toBe('Folder of images')
      expect(screen.getByText('image "b.png" does not exist')).toBeTruthy()

      fireEvent.click(screen.getByRole('button', { name: 'Start import' }))
      await waitFor(() =>
        expect(core.callsOf('jobs.start')).toEqual([
          { kind: 'import', params: { source: '/data/folder', format: 'auto' } }
        ])
      )
      expect(await screen.findByRole('table', { name: 'Item errors' })).toBeTruthy()
      expect(screen.getAllByText('image "b.png" does not exist')).toHaveLength(2)
    }
  )

  it(
    'previews a preference dataset (format and first rows) before the dataset import starts',
    { timeout: 20_000 },
    async () => {
      const core = fakeCore({
        'project.current': () => project,
        'exports.importPreview': (input) => {
          const { source } = input as { source: string }
          if (source === '/odd')
            throw new FakeRpcError(
              'BAD_INPUT',
              '/odd/data.jsonl: cannot tell its format from its columns (foo)'
            )
          return {
            format: 'trl',
            ownExport: false,
            files: [{ split: 'train', path: 'train.jsonl' }],
            preview: [
              {
                where: 'train.jsonl row 1',
                images: ['imgs/a.png'],
                question: 'What is it?',
                chosen: 'A pattern.',
                rejected: 'A cat.',
                tier: null,
                error: null
              },
              {
                where: 'train.jsonl row 2',
                images: ['../outside.png'],
                question: 'Q',
                chosen: 'a',
                rejected: 'b',
                tier: 2,
                error: 'image "../outside.png" is outside the source folder'
              }
            ]
          }
        },
        'exports.import': () => ({ jobId: 'dataset-import-1' }),
        'jobs.get': () => ({ ...job, id: 'dataset-import-1', kind: 'dataset-import' }),
        'jobs.errors': () => ({ total: 0, items: [] })
      })
      renderPage(<ImportPage />)
      fireEvent.click(await screen.findByText('Preference dataset'))
      const source = await screen.findByRole('textbox', { name: /^Dataset/ })
      const startButton = () => screen.getByRole('button', { name: 'Start dataset import' })
      expect(startButton()).toHaveProperty('disabled', true)

      fireEvent.change(source, { target: { value: '/odd' } })
      fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
      expect((await screen.findByRole('alert')).textContent).toBe(
        '/odd/data.jsonl: cannot tell its format from its columns (foo)'
      )
      expect(startButton()).toHaveProperty('disabled', true)

      fireEvent.change(source, { target: { value: '/data/prefs' } })
      fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
      expect((await screen.findByLabelText('Detected format')).textContent).toBe('TRL DPO (JSONL)')
      expect(screen.getByText('A pattern.')).toBeTruthy()
      expect(screen.getByText('image "../outside.png" is outside the source folder')).toBeTruthy()
      expect(screen.getByText(/1 would be refused/)).toBeTruthy()
      expect(core.callsOf('exports.importPreview')).toEqual([
        { source: '/odd' },
        { source: '/data/prefs' }
      ])

      fireEvent.click(startButton())
      await waitFor(() =>
        expect(core.callsOf('exports.import')).toEqual([
          { source: '/data/prefs', status: 'pending' }
        ])
      )
    }
  )
})
