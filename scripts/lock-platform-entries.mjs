#!/usr/bin/env node
// node-llama-cpp 3.22.1 lists optional per-platform binary packages (macOS, Windows, riscv64)
// that the registry reachable here does not serve. `npm install` then omits them from
// package-lock.json, and `npm ci` refuses the lock as "out of sync". These entries are
// platform-restricted (os/cpu), so npm skips them on this machine without fetching; on the
// platforms they are for, they resolve from the public registry as usual.
// Run after any `npm install` that rewrote the lock: node scripts/lock-platform-entries.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const LOCK = new URL('../package-lock.json', import.meta.url)
const PLATFORMS = {
  'linux-riscv64': [['linux'], ['riscv64']],
  'mac-arm64-metal': [['darwin'], ['arm64']],
  'mac-x64': [['darwin'], ['x64']],
  'win-arm64': [['win32'], ['arm64']],
  'win-x64': [['win32'], ['x64']],
  'win-x64-cuda': [['win32'], ['x64']],
  'win-x64-cuda-ext': [['win32'], ['x64']],
  'win-x64-vulkan': [['win32'], ['x64']]
}

const lock = JSON.parse(readFileSync(LOCK, 'utf8'))
const version = lock.packages['node_modules/node-llama-cpp'].version
let added = 0
for (const [name, [os, cpu]] of Object.entries(PLATFORMS)) {
  const key = `node_modules/@node-llama-cpp/${name}`
  if (lock.packages[key]) continue
  lock.packages[key] = {
    version,
    resolved: `https://registry.npmjs.org/@node-llama-cpp/${name}/-/${name}-${version}.tgz`,
    license: 'MIT',
    optional: true,
    os,
    cpu,
    engines: { node: '>=20.0.0' }
  }
  added++
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`lock: ${added} platform entries added`)
