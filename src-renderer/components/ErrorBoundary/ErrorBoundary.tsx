import { Alert, Button, Code, Stack } from '@mantine/core'
import { Component } from 'react'
import type { ErrorInfo, ReactNode } from 'react'
import { useRouteError } from 'react-router-dom'

type State = { error: Error | null }

function ErrorPanel(props: Readonly<{ error: unknown; onRetry?: () => void }>) {
  const message = props.error instanceof Error ? props.error.message : String(props.error)
  return (
    <Stack p="lg" maw={720}>
      <Alert color="red" title="Something went wrong in this view" role="alert">
        <Code block>{message}</Code>
      </Alert>
      <Button variant="default" onClick={props.onRetry ?? (() => window.location.reload())}>
        Reload view
      </Button>
    </Stack>
  )
}

/** Catches render errors so one broken view never blanks the whole app. */
export class ErrorBoundary extends Component<Readonly<{ children: ReactNode }>, State> {
  static RouteError = function RouteError() {
    return <ErrorPanel error={useRouteError()} />
  }

  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack)
  }

  override render() {
    if (this.state.error) {
      return <ErrorPanel error={this.state.error} onRetry={() => this.setState({ error: null })} />
    }
    return this.props.children
  }
}
