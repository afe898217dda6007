import { Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'

/** An honest empty page: what is missing and how to get it, never placeholder data. */
export function EmptyState(props: Readonly<{ title: string; children?: ReactNode }>) {
  return (
    <Stack align="center" justify="center" mih={240} gap="xs" role="status">
      <Title order={3}>{props.title}</Title>
      {props.children ? (
        <Text c="dimmed" ta="center" maw={560}>
          {props.children}
        </Text>
      ) : null}
    </Stack>
  )
}
