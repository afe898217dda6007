import type { z } from 'zod'

import { appMethods } from './app'
import { catalogMethods } from './catalog'
import { composeMethods } from './compose'
import { eventTopics } from './events'
import { exportsMethods } from './exports'
import { inferenceMethods } from './inference'
import { ingestMethods } from './ingest'
import { jobsMethods } from './jobs'
import { judgeMethods } from './judge'
import { pairsMethods } from './pairs'
import { perturbMethods } from './perturb'
import { projectMethods } from './project'
import { samplesMethods } from './samples'
import { settingsMethods } from './settings'
import { statsMethods } from './stats'

/** Every RPC method of the core. Each domain file adds its table here. */
export const contract = {
  ...appMethods,
  ...projectMethods,
  ...inferenceMethods,
  ...catalogMethods,
  ...jobsMethods,
  ...statsMethods,
  ...pairsMethods,
  ...samplesMethods,
  ...exportsMethods,
  ...judgeMethods,
  ...composeMethods,
  ...ingestMethods,
  ...perturbMethods,
  ...settingsMethods
} as const

export const events = eventTopics

export type Contract = typeof contract
export type MethodName = keyof Contract
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>

export type Events = typeof events
export type TopicName = keyof Events
export type PayloadOf<T extends TopicName> = z.output<Events[T]>

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

export * from './app'
export * from './project'
export * from './inference'
export * from './catalog'
export * from './jobs'
export * from './stats'
export * from './pairs'
export * from './samples'
export * from './exports'
export * from './ingest'
export * from './perturb'
export * from './generate'
export * from './job-kinds'
export * from './judge'
export * from './compose'
export * from './settings'
