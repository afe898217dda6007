import { afterEach, describe, expect, it } from 'vitest'

import { openDatabase } from '../../db/open-database'
import { migrate } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { PromptTemplatesRepo } from '../../store/prompt-templates-repo'
import { checkTemplate, loadJudgeTemplate, renderTemplate } from './prompt-template'

const png = { dataUri: 'data:image/png;base64,AAAA' }

describe('judge prompt templates', () => {
  const db = openDatabase(':memory:')
  migrate(db, migrations)
  const repo = new PromptTemplatesRepo(db)
  afterEach(() => repo.clear('judge-images'))

  it('ships both templates with their markers, read at run time', async () => {
    const answers = await loadJudgeTemplate('judge-answers', repo)
    expect(answers.source).toBe('shipped')
    const images = await loadJudgeTemplate('judge-images', repo)
    expect(images.body).toContain('{{image_b}}')
  })

  it('interleaves text and images, drops comments, inserts values verbatim', () => {
    const message = renderTemplate(
      '<!-- note {{x}} -->\n{{prompt}}\nImage A:\n{{image_a}}\nImage B:\n{{image_b}}\nA or B?',
      { prompt: 'a {{image_a}} cat' },
      { image_a: [png], image_b: [png, png] }
    )
    expect(message.parts).toEqual([
      { text: 'a {{image_a}} cat\nImage A:' },
      { image: 0 },
      { text: 'Image B:' },
      { image: 1 },
      { image: 2 },
      { text: 'A or B?' }
    ])
    expect(message.images).toEqual([png, png, png])
  })

  it('uses the project version over the shipped one, and refuses one without a marker', async () => {
    repo.set('judge-images', 'P: {{prompt}} {{image_a}} {{image_b}} — pick A or B')
    const own = await loadJudgeTemplate('judge-images', repo)
    expect(own.source).toBe('project')
    expect(own.body).toMatch(/^P:/)
    repo.set('judge-images', 'P: {{prompt}} {{image_a}}')
    await expect(loadJudgeTemplate('judge-images', repo)).rejects.toThrow(
      'Prompt template judge-images lacks the marker {{image_b}}'
    )
    expect(() => checkTemplate({ name: 'judge-answers', body: '{{images}} {{question}}' })).toThrow(
      /answer_a/
    )
  })
})
