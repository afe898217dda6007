import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

import { AppSettings } from '../../../src-shared/contract/settings'
import type { SettingsDto } from '../../../src-shared/contract/settings'

const RECENT_PROJECTS = 8

/** Environment variables that override a setting (as in CI or a launcher script). */
const ENV_OVERRIDES = [
  { key: 'model', variable: 'DELTA_STUDIO_MODEL' },
  { key: 'mmproj', variable: 'DELTA_STUDIO_MMPROJ' }
] as const

/**
 * The app settings file (`settings.json` in the user config folder). Read on every call, so two
 * studio processes see each other's changes; written whole through a rename, so a crash never
 * leaves half a file. A file that does not parse is reported and replaced by defaults on the
 * next write, never silently merged.
 */
export class SettingsStore {
  readonly file: string
  #problem: string | null = null

  constructor(configDir: string) {
    this.file = join(configDir, 'settings.json')
  }

  /** Settings as saved, without environment overrides. */
  saved(): AppSettings {
    this.#problem = null
    if (!existsSync(this.file)) return AppSettings.parse({})
    try {
      return AppSettings.parse(JSON.parse(readFileSync(this.file, 'utf8')))
    } catch (error) {
      this.#problem = `${this.file} is unreadable (${(error as Error).message}); defaults are used`
      return AppSettings.parse({})
    }
  }

  /** Settings in force: saved values with environment overrides applied. */
  effective(): SettingsDto {
    const settings = this.saved()
    const overrides = ENV_OVERRIDES.flatMap(({ key, variable }) => {
      const value = process.env[variable]
      return value ? [{ key, variable, value }] : []
    })
    for (const o of overrides) settings[o.key] = o.value
    return { settings, overrides, file: this.#problem ?? this.file }
  }

  update(patch: Partial<AppSettings>): SettingsDto {
    this.#write(AppSettings.parse({ ...this.saved(), ...patch }))
    return this.effective()
  }

  /** Puts a project folder first in the recent list (absolute path, no duplicates). */
  rememberProject(dir: string): void {
    const path = resolve(dir)
    const saved = this.saved()
    const recent = [path, ...saved.recentProjects.filter((p) => p !== path)].slice(
      0,
      RECENT_PROJECTS
    )
    this.#write({ ...saved, recentProjects: recent })
  }

  #write(settings: AppSettings): void {
    mkdirSync(dirname(this.file), { recursive: true })
    const temp = `${this.file}.${process.pid}.tmp`
    writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`)
    renameSync(temp, this.file)
  }
}
