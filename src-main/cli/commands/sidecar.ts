import { existsSync } from 'node:fs'

import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'

import {
  probeSidecarBinary,
  resolveSidecarBinary
} from '../../services/inference/binary-resolution'
import {
  SIDECAR_BACKENDS,
  buildSidecar,
  bundleCommit,
  cachedBinaryPath
} from '../../services/inference/sidecar-build'
import type { BuildProgress, SidecarBackend } from '../../services/inference/sidecar-build'
import { fail, info, printJson } from '../output'

function parseBackend(value: string): SidecarBackend {
  if (!(SIDECAR_BACKENDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`"${value}" is not one of ${SIDECAR_BACKENDS.join(', ')}`)
  }
  return value as SidecarBackend
}

/** One stderr line per stage, and compile progress at most every 5 %. */
function progressPrinter(): (p: BuildProgress) => void {
  let lastPercent = -5
  return (p) => {
    if (p.stage === 'compile' && p.done !== undefined && p.total) {
      const percent = Math.floor((p.done / p.total) * 100)
      if (percent >= lastPercent + 5 || p.done === p.total) {
        lastPercent = percent
        info(`compile ${p.done}/${p.total} (${percent}%)`)
      }
    } else if (!p.line) {
      info(`${p.stage}…`)
    }
  }
}

export function registerSidecar(program: Command): void {
  const sidecar = program
    .command('sidecar')
    .description('The llama.cpp llama-server used for inference')

  sidecar
    .command('build')
    .description(
      'Build llama-server offline from the llama.cpp source bundled in node-llama-cpp (cached)'
    )
    .option('--backend <name>', `one of ${SIDECAR_BACKENDS.join(', ')}`, parseBackend, 'cpu')
    .option('--cuda-arch <list>', 'CMAKE_CUDA_ARCHITECTURES for --backend cuda (e.g. 90)')
    .option('--json', 'print {"path","backend","commit","source","seconds"}')
    .action(async (opts: { backend: SidecarBackend; cudaArch?: string; json?: boolean }) => {
      try {
        const started = Date.now()
        const result = await buildSidecar({
          backend: opts.backend,
          cudaArchitectures: opts.cudaArch,
          onProgress: progressPrinter()
        })
        const seconds = Math.round((Date.now() - started) / 100) / 10
        if (opts.json) printJson({ ...result, seconds })
        else info(`${result.source === 'cache' ? 'Reused' : 'Built'} ${result.path} (${seconds} s)`)
      } catch (error) {
        fail(error)
      }
    })

  sidecar
    .command('path')
    .description('Print the llama-server binary the studio would run')
    .option('--backend <name>', 'only consider cached builds of this backend', parseBackend)
    .option('--json', 'print {"path","source","backend"}')
    .action((opts: { backend?: SidecarBackend; json?: boolean }) => {
      try {
        const resolved = resolveSidecarBinary({ backend: opts.backend })
        if (!resolved) throw new Error('No llama-server found: run `delta-studio sidecar build`')
        if (opts.json) printJson(resolved)
        else process.stdout.write(`${resolved.path}\n`)
      } catch (error) {
        fail(error)
      }
    })

  sidecar
    .command('status')
    .description('Binary, backend, version, GPU detection and cached builds')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      try {
        const resolved = resolveSidecarBinary()
        const probe = resolved ? await probeSidecarBinary(resolved.path) : null
        let commit: string | null = null
        try {
          commit = bundleCommit()
        } catch {
          // No source bundle: cached builds cannot be matched.
        }
        const cached = commit
          ? SIDECAR_BACKENDS.map((backend) => ({
              backend,
              path: cachedBinaryPath(backend, commit)
            }))
          : []
        const status = {
          binary: resolved?.path ?? null,
          source: resolved?.source ?? null,
          backend: resolved?.backend ?? null,
          version: probe?.version ?? null,
          devices: probe?.devices ?? [],
          gpu: (probe?.devices.length ?? 0) > 0,
          sourceCommit: commit,
          cachedBuilds: cached.filter((c) => existsSync(c.path))
        }
        if (opts.json) printJson(status)
        else {
          info(`binary:  ${status.binary ?? '(none: run `delta-studio sidecar build`)'}`)
          info(`source:  ${status.source ?? '-'}   backend: ${status.backend ?? '-'}`)
          info(`version: ${status.version ?? '-'}`)
          info(`devices: ${status.devices.length ? status.devices.join('; ') : 'none (CPU only)'}`)
        }
      } catch (error) {
        fail(error)
      }
    })
}
