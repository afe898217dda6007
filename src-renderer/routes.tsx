import {
  IconArrowsDiff,
  IconChartBar,
  IconCpu,
  IconFileExport,
  IconFolder,
  IconLayoutGrid,
  IconListDetails,
  IconPlayerPlay,
  IconTrophy
} from '@tabler/icons-react'
import type { ComponentType } from 'react'

import { EvaluationsPage } from './pages/Evaluations.page'
import { ComposePage } from './pages/Compose.page'
import { ExportPage } from './pages/Export.page'
import { JobsPage } from './pages/Jobs.page'
import { ModelsPage } from './pages/Models.page'
import { PairsPage } from './pages/Pairs.page'
import { ProjectPage } from './pages/Project.page'
import { RankingsPage } from './pages/Rankings.page'
import { ReviewPage } from './pages/Review.page'

export type AppRoute = {
  readonly path: string
  readonly label: string
  readonly icon: ComponentType<{ size?: number }>
  readonly Page: ComponentType
}

/** The navigation, in order. Each page is one route; the first is the landing page. */
export const routes: readonly AppRoute[] = [
  { path: '/', label: 'Project', icon: IconFolder, Page: ProjectPage },
  { path: '/compose', label: 'Compose', icon: IconLayoutGrid, Page: ComposePage },
  { path: '/pairs', label: 'Pairs', icon: IconListDetails, Page: PairsPage },
  { path: '/review', label: 'Review', icon: IconArrowsDiff, Page: ReviewPage },
  { path: '/rankings', label: 'Rankings', icon: IconTrophy, Page: RankingsPage },
  { path: '/evaluations', label: 'Evaluations', icon: IconChartBar, Page: EvaluationsPage },
  { path: '/jobs', label: 'Jobs', icon: IconPlayerPlay, Page: JobsPage },
  { path: '/models', label: 'Models', icon: IconCpu, Page: ModelsPage },
  { path: '/export', label: 'Export', icon: IconFileExport, Page: ExportPage }
]
