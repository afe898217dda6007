import { z } from 'zod'

import { method } from './define'

export const ProjectDto = z.object({
  dir: z.string(),
  name: z.string(),
  createdAt: z.string()
})
export type ProjectDto = z.infer<typeof ProjectDto>

/** An absolute or relative folder path as typed by a person. */
const FolderPath = z.string().trim().min(1).max(4096)

export const projectMethods = {
  'project.current': method({
    summary: 'The open project, or null when none is open.',
    input: z.object({}).strict(),
    output: ProjectDto.nullable()
  }),
  'project.open': method({
    summary: 'Opens an existing project folder; NOT_FOUND when it holds no project.',
    input: z.object({ dir: FolderPath }).strict(),
    output: ProjectDto
  }),
  'project.create': method({
    summary: 'Creates a project in a new or empty folder and opens it; CONFLICT when one exists.',
    input: z
      .object({ dir: FolderPath, name: z.string().trim().min(1).max(200).optional() })
      .strict(),
    output: ProjectDto
  })
} as const
