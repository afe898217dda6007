import { z } from 'zod'

import { method } from './define'
import { EndpointSpec } from './generate'

const FilePath = z.string().trim().min(1).max(4096)
/** llama.cpp's `-ngl`: a count larger than the model's layers offloads them all. */
const GpuLayers = z.number().int().min(0).max(999)

/**
 * App-level settings, kept in the user's config folder (not in a project): the model the studio
 * generates with, and the projects opened recently. Environment variables override them.
 */
export const AppSettings = z
  .object({
    /** Local GGUF text model and its mmproj projector, served by the sidecar. */
    model: FilePath.nullable().default(null),
    mmproj: FilePath.nullable().default(null),
    /** Use the generated tiny test VLM instead (random weights: meaningless answers). */
    useTestModel: z.boolean().default(false),
    /** OpenAI-compatible endpoints used instead of a local model when non-empty. */
    endpoints: z.array(EndpointSpec).max(32).default([]),
    /** Sidecar slots (`-np`) and context per slot used by generation and the fit estimate. */
    slots: z.number().int().min(1).max(64).default(2),
    ctxPerSlot: z.number().int().min(256).max(262_144).default(2048),
    /** Model layers the sidecar offloads to the GPU (`-ngl`); 0: CPU only, 999: all. */
    gpuLayers: GpuLayers.default(0),
    /** Most recent first. */
    recentProjects: z.array(z.string()).max(20).default([])
  })
  .strict()
export type AppSettings = z.output<typeof AppSettings>

export const SettingsDto = z.object({
  settings: AppSettings,
  /** Settings an environment variable overrides, with the variable's name. */
  overrides: z.array(z.object({ key: z.string(), variable: z.string(), value: z.string() })),
  /** The settings file. */
  file: z.string()
})
export type SettingsDto = z.infer<typeof SettingsDto>

/** What the GGUF header of a model file says, for the Models page. */
export const GgufInfoDto = z.object({
  path: z.string(),
  fileBytes: z.number().int(),
  architecture: z.string().nullable(),
  name: z.string().nullable(),
  parameters: z.number().int(),
  /** e.g. `F32`, `Q4_K_M`, from `general.file_type` (or the tensors' types). */
  quantization: z.string().nullable(),
  contextLength: z.number().int().nullable(),
  layers: z.number().int().nullable(),
  /** For an mmproj: `clip.projector_type` (mlp, ldp, …). */
  projectorType: z.string().nullable(),
  isTestModel: z.boolean()
})
export type GgufInfoDto = z.infer<typeof GgufInfoDto>

export const FitEstimateDto = z.object({
  weightsBytes: z.number().int(),
  /** f16 K and V for every layer over ctx × slots tokens. */
  kvCacheBytes: z.number().int(),
  totalBytes: z.number().int(),
  /** Of `totalBytes`, what stays in RAM and what goes to the GPU (offloaded layers, projector). */
  ramBytes: z.number().int(),
  gpuBytes: z.number().int(),
  freeRamBytes: z.number().int(),
  totalRamBytes: z.number().int(),
  /** The first NVIDIA GPU (`nvidia-smi`), or null where none answers. */
  gpu: z
    .object({ name: z.string(), freeBytes: z.number().int(), totalBytes: z.number().int() })
    .nullable(),
  fits: z.boolean(),
  note: z.string()
})
export type FitEstimateDto = z.infer<typeof FitEstimateDto>

export const FileEntryDto = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['dir', 'file']),
  bytes: z.number().int().nullable()
})
export type FileEntryDto = z.infer<typeof FileEntryDto>

export const BinaryStatusDto = z.object({
  path: z.string().nullable(),
  source: z.enum(['configured', 'bundled', 'cache', 'path']).nullable(),
  backend: z.string().nullable(),
  /** Why there is none, or why the configured one is refused. */
  problem: z.string().nullable()
})
export type BinaryStatusDto = z.infer<typeof BinaryStatusDto>

export const settingsMethods = {
  'settings.get': method({
    summary: 'The app settings, which of them environment variables override, and the file.',
    input: z.object({}).strict(),
    output: SettingsDto
  }),
  'settings.update': method({
    summary:
      'Changes some settings and saves them; a model or mmproj that is not a readable GGUF file is refused by name (BAD_INPUT) and nothing is saved.',
    input: AppSettings.partial().omit({ recentProjects: true }).strict(),
    output: SettingsDto
  }),
  'models.inspect': method({
    summary:
      'Reads a GGUF header (architecture, parameters, quantization, context, projector type) and estimates whether the model with its KV cache fits in free RAM and, with GPU layers, in the free memory of the NVIDIA GPU; BAD_INPUT when the file is not a GGUF.',
    input: z
      .object({
        model: FilePath,
        mmproj: FilePath.optional(),
        slots: z.number().int().min(1).max(64).default(2),
        ctxPerSlot: z.number().int().min(256).max(262_144).default(2048),
        gpuLayers: GpuLayers.default(0)
      })
      .strict(),
    output: z.object({
      model: GgufInfoDto,
      mmproj: GgufInfoDto.nullable(),
      fit: FitEstimateDto
    })
  }),
  'models.binary': method({
    summary:
      'The llama-server binary the sidecar would run now (looked up again on each call, so a build that finished after start-up shows).',
    input: z.object({}).strict(),
    output: BinaryStatusDto
  }),
  'models.testModel': method({
    summary:
      'Generates (once, cached) the tiny random-weight test VLM and returns its files; its answers are meaningless words.',
    input: z.object({}).strict(),
    output: z.object({ model: z.string(), mmproj: z.string() })
  }),
  'files.list': method({
    summary:
      "Lists a folder for the file picker of browser mode, confined to the user's home and the open project (symlinks resolved); FORBIDDEN outside them. Without `dir`: the allowed roots.",
    input: z.object({ dir: FilePath.optional() }).strict(),
    output: z.object({
      dir: z.string().nullable(),
      parent: z.string().nullable(),
      roots: z.array(z.object({ label: z.string(), path: z.string() })),
      entries: z.array(FileEntryDto)
    })
  })
} as const
