import { z } from 'zod'

import { method } from './define'

export const SIDECAR_STATES = [
  'stopped',
  'starting',
  'loading',
  'ready',
  'crashed',
  'failed'
] as const

/** The local llama-server sidecar as the UI shows it. Never carries the sidecar's API key. */
export const SidecarStatusDto = z.object({
  /** crashed: exited unexpectedly and a restart is scheduled; failed: restarts exhausted. */
  state: z.enum(SIDECAR_STATES),
  model: z.string().nullable(),
  mmproj: z.string().nullable(),
  /** True for the generated random-weight test VLM: its answers are meaningless words. */
  isTestModel: z.boolean(),
  /** Parallel slots (`-np`), i.e. how many requests run at once. */
  slots: z.number().int().nullable(),
  /** Context tokens per slot as reported by the server (`/props`). */
  ctxPerSlot: z.number().int().nullable(),
  backend: z.string().nullable(),
  binary: z.string().nullable(),
  /** Loopback URL while running, e.g. http://127.0.0.1:41234. */
  url: z.string().nullable(),
  pid: z.number().int().nullable(),
  restarts: z.number().int(),
  lastError: z.string().nullable()
})
export type SidecarStatusDto = z.infer<typeof SidecarStatusDto>

export const EndpointDto = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['local', 'remote']),
  url: z.string(),
  /** Requests sent at once at most. */
  capacity: z.number().int(),
  inFlight: z.number().int(),
  /** Set aside after failures until this time (ms since epoch); null when usable. */
  setAsideUntil: z.number().nullable(),
  lastError: z.string().nullable()
})
export type EndpointDto = z.infer<typeof EndpointDto>

const FilePath = z.string().trim().min(1).max(4096)
const HttpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), 'must be an http(s) URL')

export const SidecarStartInput = z
  .object({
    model: FilePath,
    mmproj: FilePath.optional(),
    slots: z.number().int().min(1).max(64).optional(),
    ctxPerSlot: z.number().int().min(256).max(262_144).optional(),
    /** Layers offloaded to the GPU: a count, or 'all'. Ignored by CPU builds. */
    gpuLayers: z.union([z.number().int().min(0).max(1000), z.literal('all')]).optional()
  })
  .strict()
export type SidecarStartInput = z.infer<typeof SidecarStartInput>

export const EndpointAddInput = z
  .object({
    url: HttpUrl,
    apiKey: z.string().max(4096).optional(),
    capacity: z.number().int().min(1).max(1024),
    label: z.string().trim().min(1).max(200).optional()
  })
  .strict()
export type EndpointAddInput = z.infer<typeof EndpointAddInput>

export const inferenceMethods = {
  'sidecar.status': method({
    summary: 'State of the local llama-server sidecar (model, slots, backend, restarts).',
    input: z.object({}).strict(),
    output: SidecarStatusDto
  }),
  'sidecar.logs': method({
    summary: 'The last log lines of the sidecar, oldest first (at most `limit`, default 200).',
    input: z.object({ limit: z.number().int().min(1).max(5000).optional() }).strict(),
    output: z.object({ lines: z.array(z.string()) })
  }),
  'sidecar.start': method({
    summary:
      'Starts (or restarts with new settings) the sidecar and resolves once it answers; UNAVAILABLE when no binary exists or it fails to load.',
    input: SidecarStartInput,
    output: SidecarStatusDto
  }),
  'sidecar.stop': method({
    summary: 'Stops the sidecar; resolves once its process has exited.',
    input: z.object({}).strict(),
    output: SidecarStatusDto
  }),
  'endpoints.list': method({
    summary: 'Inference endpoints: the local sidecar (while running) and added remote ones.',
    input: z.object({}).strict(),
    output: z.array(EndpointDto)
  }),
  'endpoints.add': method({
    summary: 'Adds an OpenAI-compatible endpoint (remote llama-server, vLLM) to the pool.',
    input: EndpointAddInput,
    output: EndpointDto
  }),
  'endpoints.remove': method({
    summary: 'Removes a remote endpoint; requests already sent to it finish.',
    input: z.object({ id: z.string().min(1).max(200) }).strict(),
    output: z.object({ removed: z.boolean() })
  })
} as const
