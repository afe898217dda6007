import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'src-main/**/*.test.ts',
            'src-shared/**/*.test.ts',
            'tooling/**/*.test.ts',
            'bench/**/*.test.ts'
          ],
          testTimeout: 60_000,
          // App settings (recent projects) go to a scratch folder, never the user's own.
          env: { XDG_CONFIG_HOME: join(tmpdir(), 'delta-studio-test-config') },
          hookTimeout: 120_000,
          // Builds the llama-server sidecar once when the cache is empty (fresh CI machine).
          globalSetup: ['src-main/services/inference/test-support/global-setup.ts']
        }
      },
      {
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['src-renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['src-renderer/test-utils/setup.ts']
        }
      }
    ]
  }
})
