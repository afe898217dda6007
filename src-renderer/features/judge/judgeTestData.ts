import type { JobDto } from '../../../src-shared/contract/jobs'

/** What the judge page tests share: an open project, saved settings, a job of a kind. */
export const project = { dir: '/p', name: 'p', createdAt: '2026-01-01T00:00:00Z' }

export const settings = {
  settings: {
    model: null,
    mmproj: null,
    useTestModel: true,
    endpoints: [],
    slots: 3,
    ctxPerSlot: 4096,
    gpuLayers: 0,
    recentProjects: []
  },
  overrides: [],
  file: '/cfg/settings.json'
}

export const shippedImages = {
  name: 'judge-images',
  body: 'Text prompt: {{prompt}}\nImage A:\n{{image_a}}\nImage B:\n{{image_b}}\nReply A or B.',
  source: 'shipped'
}

export function job(
  kind: string,
  status: JobDto['status'],
  done: number,
  stats: JobDto['stats'] = null
): JobDto {
  return {
    id: `${kind}-1`,
    kind,
    status,
    params: {},
    done,
    total: 2,
    unit: kind === 'rank' ? 'prompts' : 'groups',
    itemsPerSecond: null,
    tokensPerSecond: null,
    etaSeconds: null,
    message: null,
    error: null,
    errorCount: 0,
    stats,
    createdAt: '',
    startedAt: '',
    finishedAt: null
  }
}
