import { Card, Stack, Table, Text, Title } from '@mantine/core'

import { useRpcQuery } from '../api/hooks'
import { ProjectForm } from '../features/project/ProjectForm'

export function ProjectPage() {
  const project = useRpcQuery('project.current', {})
  const info = useRpcQuery('app.info', {})
  return (
    <Stack gap="lg">
      <Title order={2}>Project</Title>
      {project.data ? (
        <Card withBorder>
          <Table variant="vertical" aria-label="Project details">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>Name</Table.Th>
                <Table.Td>{project.data.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Folder</Table.Th>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {project.data.dir}
                  </Text>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Created</Table.Th>
                <Table.Td>{new Date(project.data.createdAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Card>
      ) : (
        <Text c="dimmed">No project is open. Open an existing project folder or create one.</Text>
      )}
      <ProjectForm />
      {info.data ? (
        <Text size="xs" c="dimmed">
          {info.data.name} {info.data.version} · {info.data.host} host
        </Text>
      ) : null}
    </Stack>
  )
}
