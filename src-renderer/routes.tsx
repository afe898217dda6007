import {
  IconAdjustments,
  IconArrowsDiff,
  IconChartBar,
  IconCpu,
  IconFileExport,
  IconFileImport,
  IconFolder,
  IconLayoutGrid,
  IconListDetails,
  IconPlayerPlay,
  IconTrophy,
  IconSparkles,
  IconReportAnalytics
} from '@tabler/icons-react'
import type { ComponentType } from 'react'

import { EvaluationsPage } from './pages/Evaluations.page'
import { ComposePage } from './pages/Compose.page'
import { ExportPage } from './pages/Export.page'
import { GeneratePage } from './pages/Generate.page'
import { ImportPage } from './pages/Import.page'
import { JobsPage } from './pages/Jobs.page'
import { ModelsPage } from './pages/Models.page'
import { OverviewPage } from './pages/Overview.page'
import { PairsPage } from './pages/Pairs.page'
import { PerturbPage } from './pages/Perturb.page'
import { ProjectPage } from './pages/Project.page'
import { RankingsPage } from './pages/Rankings.page'
import { ReviewPage } from './pages/Review.page'

export type AppRoute = {
  readonly path: string
  readonly label: string
  readonly icon: ComponentType<{ size?: number }>
  readonly Page: ComponentType
}

/** The navigation, in pipeline order. Each page is one route; the first is the landing page. */
export const routes: readonly AppRoute[] = [
  { path: '/', label: 'Overview', icon: IconChartBar, Page: OverviewPage },
  { path: '/import', label: 'Import', icon: IconFileImport, Page: ImportPage },
  { path: '/perturb', label: 'Perturb', icon: IconAdjustments, Page: PerturbPage },
  { path: '/compose', label: 'Compose', icon: IconLayoutGrid, Page: ComposePage },
  { path: '/generate', label: 'Generate', icon: IconSparkles, Page: GeneratePage },
  { path: '/pairs', label: 'Pairs', icon: IconListDetails, Page: PairsPage },
  { path: '/review', label: 'Review', icon: IconArrowsDiff, Page: ReviewPage },
  { path: '/rankings', label: 'Rankings', icon: IconTrophy, Page: RankingsPage },
  { path: '/evaluations', label: 'Evaluations', icon: IconReportAnalytics, Page: EvaluationsPage },
  { path: '/export', label: 'Export', icon: IconFileExport, Page: ExportPage },
  { path: '/jobs', label: 'Jobs', icon: IconPlayerPlay, Page: JobsPage },
  { path: '/models', label: 'Models', icon: IconCpu, Page: ModelsPage },
  { path: '/project', label: 'Project', icon: IconFolder, Page: ProjectPage }
]
