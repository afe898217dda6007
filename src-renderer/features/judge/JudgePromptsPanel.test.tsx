import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { missingMarkers } from '../../../src-shared/domain/judge-template'
import { FakeRpcError, fakeCore, renderPage } from '../../test-utils/fakeCore'
import { JudgePromptsPanel } from './JudgePromptsPanel'
import { project, shippedImages } from './judgeTestData'

const answers = {
  name: 'judge-answers',
  body: 'Q: {{question}} {{images}}\nA: {{answer_a}}\nB: {{answer_b}}',
  source: 'project'
}

describe('JudgePromptsPanel', () => {
  it(
    'shows each template with its source and markers, refuses a missing marker, resets',
    { timeout: 20_000 },
    async () => {
      let images = { ...shippedImages }
      const core = fakeCore({
        'project.current': () => project,
        'judge.templates': () => [answers, images],
        'judge.setTemplate': (input) => {
          const { name, body } = input as { name: 'judge-images'; body: string | null }
          if (body === null) return (images = { ...shippedImages })
          const [marker] = missingMarkers(name, body)
          // The core's answer, as judge-handlers gives it.
          if (marker)
            throw new FakeRpcError(
              'BAD_INPUT',
              `Prompt template ${name} lacks the marker {{${marker}}}`
            )
          return (images = { name, body, source: 'project' })
        }
      })
      renderPage(<JudgePromptsPanel />)
      const card = await screen.findByLabelText('Template judge-images')
      expect(within(card).getByLabelText('Template source').textContent).toBe('shipped')
      expect(
        within(screen.getByLabelText('Template judge-answers')).getByLabelText('Template source')
          .textContent
      ).toBe('project version')
      expect(within(card).getByLabelText('Required markers').textContent).toBe(
        'Required markers:{{prompt}}{{image_a}}{{image_b}}'
      )
      const reset = within(card).getByRole('button', { name: 'Reset to shipped' })
      expect(reset).toHaveProperty('disabled', true)

      const body = within(card).getByRole('textbox', { name: 'Body of judge-images' })
      const edited = shippedImages.body.replace('{{image_b}}', '<!-- {{image_b}} -->')
      fireEvent.change(body, { target: { value: edited } })
      expect(within(card).getByText('Missing: {{image_b}}')).toBeTruthy()
      fireEvent.click(within(card).getByRole('button', { name: 'Save for this project' }))
      expect((await within(card).findByRole('alert')).textContent).toContain(
        'Prompt template judge-images lacks the marker {{image_b}}'
      )

      fireEvent.change(body, { target: { value: `${shippedImages.body}\nBe strict.` } })
      fireEvent.click(within(card).getByRole('button', { name: 'Save for this project' }))
      await waitFor(() =>
        expect(within(card).getByLabelText('Template source').textContent).toBe('project version')
      )
      expect(within(card).queryByRole('alert')).toBeNull()

      fireEvent.click(within(card).getByRole('button', { name: 'Reset to shipped' }))
      await waitFor(() =>
        expect(within(card).getByLabelText('Template source').textContent).toBe('shipped')
      )
      expect(body).toHaveProperty('value', shippedImages.body)
      expect(core.callsOf('judge.setTemplate').at(-1)).toEqual({
        name: 'judge-images',
        body: null
      })
    }
  )
})
