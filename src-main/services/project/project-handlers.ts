import type { ProjectDto } from '../../../src-shared/contract'
import type { Handlers } from '../../rpc/router'
import type { EventBus } from '../../rpc/event-bus'
import { openProjectFolder } from './project-folder'
import type { ProjectHandle } from './project-folder'
import type { ProjectSession } from './project-session'

export function toProjectDto(project: ProjectHandle): ProjectDto {
  return { dir: project.dir, name: project.name, createdAt: project.createdAt }
}

/** Create, open and read the current project. */
export function projectHandlers(deps: {
  session: ProjectSession
  bus: EventBus
  /** Called with the folder of every project opened or created (the recent-projects list). */
  onOpened?: (dir: string) => void
}): Pick<Handlers, 'project.current' | 'project.open' | 'project.create'> {
  const { session, bus } = deps
  const openAndAnnounce = (project: ProjectHandle): ProjectDto => {
    session.set(project)
    const dto = toProjectDto(project)
    bus.publish('project.opened', dto)
    deps.onOpened?.(project.dir)
    return dto
  }
  return {
    'project.current': () => (session.current ? toProjectDto(session.current) : null),
    'project.open': ({ dir }) => openAndAnnounce(openProjectFolder(dir, { create: 'never' })),
    'project.create': ({ dir, name }) =>
      openAndAnnounce(openProjectFolder(dir, { create: 'must', name }))
  }
}
