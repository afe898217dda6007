import { defineConfig } from '@playwright/test'

/**
 * Browser-mode e2e: each spec starts the headless host on its own temporary project (see
 * support/app-server.ts) and drives Debian's Chromium. No browser download: executablePath.
 * Electron-only specs (e2e/electron) run only with E2E_ELECTRON=1.
 */
export default defineConfig({
  testDir: '.',
  testMatch: process.env.E2E_ELECTRON === '1' ? ['electron/**/*.spec.ts'] : ['tests/**/*.spec.ts'],
  outputDir: './artifacts/test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage'
      ]
    }
  }
})
