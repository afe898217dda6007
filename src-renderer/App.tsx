import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider, createHashRouter } from 'react-router-dom'

import { AppFrame } from './components/AppFrame/AppFrame'
import { ErrorBoundary } from './components/ErrorBoundary/ErrorBoundary'
import { routes } from './routes'
import { theme } from './theme'

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false } }
})

// Hash routing works the same from file:// (Electron) and from the HTTP host.
const router = createHashRouter([
  {
    element: <AppFrame />,
    errorElement: <ErrorBoundary.RouteError />,
    children: routes.map((route) => ({ path: route.path, element: <route.Page /> }))
  }
])

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <ErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ErrorBoundary>
    </MantineProvider>
  )
}
