import type { QueryClient } from '@tanstack/react-query'
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
} from '@tanstack/react-router'
import { Loading } from '../components/loading'
import { parseAuditSearch } from '../features/admin/api/audit'
import { parsePeopleSearch, personQueryOptions } from '../features/admin/api/people'
import { parseUserListSearch, userQueryOptions } from '../features/admin/api/users'
import { redirectIfLoggedIn, requireAuth, safeRedirect } from '../features/auth/api/get-me'
import { parsePortfolioSearch } from '../features/finance/api/portfolio-search'
import { parseDecisionSearch, parseGovernanceTabSearch } from '../features/governance/api/search'
import { parsePortfolioSearch as parsePortfolioTableSearch } from '../features/portfolio/api/search'
import { projectQueryOptions } from '../features/projects/api/get-project'
import { parseProjectListSearch, projectsInfiniteQueryOptions } from '../features/projects/api/get-projects'
import {
  statusReportQueryOptions,
  statusReportsQueryOptions,
} from '../features/status-reports/api/status-reports'
import { AppLayout } from './layout/app-layout'
import { NavigationFocus } from './layout/navigation-focus'
import { NotFoundPage } from './not-found-page'
import { RootNotFound } from './root-not-found'
import { RouteError } from './route-error'

export interface RouterContext {
  queryClient: QueryClient
}

/*
 * Loaders import their feature's query options on demand, so the API schemas of a feature load
 * with its page and stay out of the first chunk (the bundle budget, scripts/check-bundle.ts).
 *
 * The route tree. Pages are lazy components exported by the features (one chunk each);
 * loaders prefetch with the same queryOptions the pages read, so a page renders with data.
 * To add a page: create the component in its feature, add a route here and put it in
 * `routeTree` below. Project tabs are child routes of `projectRoute`.
 */

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: () => (
    <>
      <NavigationFocus />
      <Outlet />
    </>
  ),
  notFoundComponent: RootNotFound,
})

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; sso?: string } => ({
    ...(typeof search.redirect === 'string' ? { redirect: search.redirect } : {}),
    // Why a single sign-on attempt ended here (set by the server's redirect).
    ...(typeof search.sso === 'string' ? { sso: search.sso } : {}),
  }),
  beforeLoad: ({ context, search }) => redirectIfLoggedIn(context.queryClient, safeRedirect(search.redirect)),
  component: lazyRouteComponent(() => import('../features/auth/components/login-page'), 'LoginPage'),
})

/** Everything behind login: the app shell. Its context carries the logged-in user (`me`). */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'authenticated',
  beforeLoad: ({ context, location }) => requireAuth(context.queryClient, location.href),
  component: AppLayout,
  notFoundComponent: NotFoundPage,
})

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  loader: async ({ context }) =>
    context.queryClient.ensureQueryData((await import('../features/home/api/get-home')).homeQueryOptions()),
  component: lazyRouteComponent(() => import('../features/home/components/home-page'), 'HomePage'),
})

const projectsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'projects',
  validateSearch: parseProjectListSearch,
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps, cause }) => {
    const loading = context.queryClient.ensureInfiniteQueryData(projectsInfiniteQueryOptions(deps))
    // A changed filter must not hold the URL (and the controls bound to it) until data arrives;
    // the page shows the previous rows dimmed meanwhile.
    if (cause !== 'stay') await loading
  },
  component: lazyRouteComponent(
    () => import('../features/projects/components/projects-page'),
    'ProjectsPage',
  ),
})

const newProjectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'projects/new',
  validateSearch: (search: Record<string, unknown>): { parentId?: string } =>
    typeof search.parentId === 'string' && search.parentId ? { parentId: search.parentId } : {},
  component: lazyRouteComponent(
    () => import('../features/projects/components/create-project-page'),
    'CreateProjectPage',
  ),
})

/** A project's page: heading and tabs; each tab is a child route. */
const projectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'projects/$projectId',
  loader: ({ context, params }) => context.queryClient.ensureQueryData(projectQueryOptions(params.projectId)),
  component: lazyRouteComponent(
    () => import('../features/projects/components/project-layout'),
    'ProjectLayout',
  ),
})

const projectOverviewRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: '/',
  component: lazyRouteComponent(
    () => import('../features/projects/components/project-overview'),
    'ProjectOverview',
  ),
})

const projectHistoryRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'history',
  loader: async ({ context, params }) =>
    context.queryClient.ensureInfiniteQueryData(
      (await import('../features/projects/api/get-project-history')).projectHistoryQueryOptions(
        params.projectId,
      ),
    ),
  component: lazyRouteComponent(
    () => import('../features/projects/components/project-history'),
    'ProjectHistory',
  ),
})

const finalReportsRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'final-report',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/reports/api/get-final-reports')).finalReportsQueryOptions(params.projectId),
    ),
  component: lazyRouteComponent(
    () => import('../features/reports/components/final-reports-page'),
    'FinalReportsPage',
  ),
})

const finalReportRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'final-report/$reportId',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/reports/api/get-final-report')).finalReportQueryOptions(
        params.projectId,
        params.reportId,
      ),
    ),
  component: lazyRouteComponent(
    () => import('../features/reports/components/final-report-page'),
    'FinalReportPage',
  ),
})

/** A report's print view: the document alone, without the app's header and navigation. */
const meetingExtractPrintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/print/meeting-extract/$meetingId',
  beforeLoad: ({ context, location }) => requireAuth(context.queryClient, location.href),
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/governance/api/governance')).meetingExtractQueryOptions(params.meetingId),
    ),
  component: lazyRouteComponent(
    () => import('../features/governance/components/meeting-extract-print-page'),
    'MeetingExtractPrintPage',
  ),
})

const finalReportPrintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/print/final-report/$projectId/$reportId',
  beforeLoad: ({ context, location }) => requireAuth(context.queryClient, location.href),
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/reports/api/get-final-report-document')).finalReportDocumentQueryOptions(
        params.projectId,
        params.reportId,
      ),
    ),
  component: lazyRouteComponent(
    () => import('../features/reports/components/print-page'),
    'FinalReportPrintPage',
  ),
})

const reportTemplatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'report-templates',
  loader: async ({ context }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/reports/api/get-report-templates')).reportTemplatesQueryOptions(),
    ),
  component: lazyRouteComponent(
    () => import('../features/reports/components/report-templates-page'),
    'ReportTemplatesPage',
  ),
})

const reportTemplateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'report-templates/$templateId',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/reports/api/get-report-template')).reportTemplateQueryOptions(
        params.templateId,
      ),
    ),
  component: lazyRouteComponent(
    () => import('../features/reports/components/report-template-page'),
    'ReportTemplatePage',
  ),
})
/* Plans (goals, activities, baselines, staffing, risks): one child route per tab. */

const projectPlanRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'plan',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/plans/api/get-activities')).activitiesQueryOptions(params.projectId),
    ),
  component: lazyRouteComponent(() => import('../features/plans/components/plan-page'), 'PlanPage'),
})

const projectEfterkalkylRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'efterkalkyl',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/plans/api/get-efterkalkyl')).efterkalkylQueryOptions(params.projectId),
    ),
  component: lazyRouteComponent(
    () => import('../features/plans/components/efterkalkyl-page'),
    'EfterkalkylPage',
  ),
})

const projectTimelineRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'timeline',
  loader: async ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(
        (await import('../features/plans/api/get-activities')).activitiesQueryOptions(params.projectId),
      ),
      context.queryClient.ensureQueryData(
        (await import('../features/plans/api/get-baselines')).baselinesQueryOptions(params.projectId),
      ),
    ]),
  component: lazyRouteComponent(() => import('../features/plans/components/timeline-page'), 'TimelinePage'),
})

const projectGoalsRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'goals',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/plans/api/get-goals')).goalsQueryOptions(params.projectId),
    ),
  component: lazyRouteComponent(() => import('../features/plans/components/goals-page'), 'GoalsPage'),
})

const projectBaselinesRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'baselines',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/plans/api/get-baselines')).baselinesQueryOptions(params.projectId),
    ),
  component: lazyRouteComponent(() => import('../features/plans/components/baselines-page'), 'BaselinesPage'),
})

const projectStaffingRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'staffing',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/plans/api/get-staffing')).staffingQueryOptions(params.projectId),
    ),
  component: lazyRouteComponent(() => import('../features/plans/components/staffing-page'), 'StaffingPage'),
})

const projectRisksRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'risks',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/plans/api/get-risks')).risksQueryOptions(params.projectId),
    ),
  component: lazyRouteComponent(() => import('../features/plans/components/risks-page'), 'RisksPage'),
})

const projectFinanceRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'finance',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/finance/api/project-finance')).projectFinanceQueryOptions(params.projectId),
    ),
  component: lazyRouteComponent(() => import('../features/finance/components/finance-tab'), 'FinanceTab'),
})

const financeImportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'finance/imports',
  loader: async ({ context }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/finance/api/imports')).financeOrganisationsQueryOptions(),
    ),
  component: lazyRouteComponent(() => import('../features/finance/components/import-page'), 'ImportPage'),
})

const financeSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'finance/settings',
  loader: async ({ context }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/finance/api/imports')).financeOrganisationsQueryOptions(),
    ),
  component: lazyRouteComponent(() => import('../features/finance/components/settings-page'), 'SettingsPage'),
})

const financePortfolioRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'finance/portfolio',
  validateSearch: parsePortfolioSearch,
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/finance/api/portfolio')).portfolioQueryOptions(deps),
    ),
  component: lazyRouteComponent(
    () => import('../features/finance/components/portfolio-page'),
    'PortfolioPage',
  ),
})

const editProjectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'projects/$projectId/edit',
  loader: ({ context, params }) => context.queryClient.ensureQueryData(projectQueryOptions(params.projectId)),
  component: lazyRouteComponent(
    () => import('../features/projects/components/edit-project-page'),
    'EditProjectPage',
  ),
})

const organisationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organisations',
  loader: async ({ context }) =>
    context.queryClient.ensureInfiniteQueryData(
      (await import('../features/organisations/api/get-organisations')).organisationChildrenQueryOptions(
        null,
      ),
    ),
  component: lazyRouteComponent(
    () => import('../features/organisations/components/organisations-page'),
    'OrganisationsPage',
  ),
})

const organisationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organisations/$organisationId',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/organisations/api/get-organisation')).organisationQueryOptions(
        params.organisationId,
      ),
    ),
  component: lazyRouteComponent(
    () => import('../features/organisations/components/organisation-page'),
    'OrganisationPage',
  ),
})

const programmesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programmes',
  loader: async ({ context }) =>
    context.queryClient.ensureInfiniteQueryData(
      (await import('../features/programmes/api/get-programmes')).programmesInfiniteQueryOptions(),
    ),
  component: lazyRouteComponent(
    () => import('../features/programmes/components/programmes-page'),
    'ProgrammesPage',
  ),
})

const programmeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programmes/$programmeId',
  loader: async ({ context, params }) =>
    context.queryClient.ensureQueryData(
      (await import('../features/programmes/api/get-programme')).programmeQueryOptions(params.programmeId),
    ),
  component: lazyRouteComponent(
    () => import('../features/programmes/components/programme-page'),
    'ProgrammePage',
  ),
})

/** The portfolio table (issue 9): filters, sort and paging live in the URL. */
const portfolioRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'portfolio',
  validateSearch: parsePortfolioTableSearch,
  component: lazyRouteComponent(
    () => import('../features/portfolio/components/portfolio-page'),
    'PortfolioPage',
  ),
})

/** Public: where a one-time link lands (the token is in the fragment). */
const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitation',
  component: lazyRouteComponent(
    () => import('../features/auth/components/invitation-page'),
    'InvitationPage',
  ),
})

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'account',
  component: lazyRouteComponent(() => import('../features/account/components/account-page'), 'AccountPage'),
})

const myExtractRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'account/extract',
  component: lazyRouteComponent(
    () => import('../features/account/components/my-extract-page'),
    'MyExtractPage',
  ),
})

const adminUsersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/users',
  validateSearch: parseUserListSearch,
  component: lazyRouteComponent(() => import('../features/admin/components/users-page'), 'UsersPage'),
})

const adminInviteRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/users/new',
  component: lazyRouteComponent(
    () => import('../features/admin/components/invite-user-page'),
    'InviteUserPage',
  ),
})

const adminUserRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/users/$userId',
  loader: ({ context, params }) => context.queryClient.ensureQueryData(userQueryOptions(params.userId)),
  component: lazyRouteComponent(() => import('../features/admin/components/user-page'), 'UserPage'),
})

const adminUserExtractRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/users/$userId/extract',
  component: lazyRouteComponent(
    () => import('../features/admin/components/user-extract-page'),
    'UserExtractPage',
  ),
})

const adminPeopleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/people',
  validateSearch: parsePeopleSearch,
  component: lazyRouteComponent(() => import('../features/admin/components/people-page'), 'PeoplePage'),
})

const adminNewPersonRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/people/new',
  component: lazyRouteComponent(
    () => import('../features/admin/components/new-person-page'),
    'NewPersonPage',
  ),
})

const adminPersonRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/people/$personId',
  loader: ({ context, params }) => context.queryClient.ensureQueryData(personQueryOptions(params.personId)),
  component: lazyRouteComponent(() => import('../features/admin/components/person-page'), 'PersonPage'),
})

const adminPersonExtractRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/people/$personId/extract',
  component: lazyRouteComponent(
    () => import('../features/admin/components/person-extract-page'),
    'PersonExtractPage',
  ),
})

const adminAuditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/audit',
  validateSearch: parseAuditSearch,
  component: lazyRouteComponent(() => import('../features/admin/components/audit-page'), 'AuditPage'),
})

const adminPrivacyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin/privacy',
  component: lazyRouteComponent(() => import('../features/admin/components/privacy-page'), 'PrivacyPage'),
})

/* Governance: "Att besluta", the decision register, steering groups, meetings, the project tab. */

const decideRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'decide',
  component: lazyRouteComponent(() => import('../features/governance/components/decide-page'), 'DecidePage'),
})

const decisionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'decisions',
  validateSearch: parseDecisionSearch,
  component: lazyRouteComponent(
    () => import('../features/governance/components/decisions-page'),
    'DecisionsPage',
  ),
})

const steeringGroupsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'steering-groups',
  component: lazyRouteComponent(
    () => import('../features/governance/components/steering-groups-page'),
    'SteeringGroupsPage',
  ),
})

const newSteeringGroupRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'steering-groups/new',
  component: lazyRouteComponent(
    () => import('../features/governance/components/new-steering-group-page'),
    'NewSteeringGroupPage',
  ),
})

const steeringGroupRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'steering-groups/$groupId',
  component: lazyRouteComponent(
    () => import('../features/governance/components/steering-group-page'),
    'SteeringGroupPage',
  ),
})

const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'meetings/$meetingId',
  component: lazyRouteComponent(
    () => import('../features/governance/components/meeting-page'),
    'MeetingPage',
  ),
})

const projectGovernanceRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'governance',
  validateSearch: parseGovernanceTabSearch,
  component: lazyRouteComponent(
    () => import('../features/governance/components/project-governance-tab'),
    'ProjectGovernanceTab',
  ),
})

const projectIndicatorsRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'indicators',
  // Loaded with the page, so the indicators' API schemas stay out of the first chunk.
  loader: async ({ context, params }) => {
    const { indicatorGridQueryOptions } = await import('../features/indicators/api/indicators')
    return context.queryClient.ensureQueryData(indicatorGridQueryOptions(params.projectId))
  },
  component: lazyRouteComponent(
    () => import('../features/indicators/components/indicators-page'),
    'IndicatorsPage',
  ),
})

const projectStatusReportsRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'status-reports',
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(statusReportsQueryOptions(params.projectId)),
  component: lazyRouteComponent(
    () => import('../features/status-reports/components/status-reports-page'),
    'StatusReportsPage',
  ),
})

const projectStatusReportRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'status-reports/$reportId',
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(statusReportQueryOptions(params.projectId, params.reportId)),
  component: lazyRouteComponent(
    () => import('../features/status-reports/components/status-report-page'),
    'StatusReportPage',
  ),
})

const routeTree = rootRoute.addChildren([
  loginRoute,
  invitationRoute,
  finalReportPrintRoute,
  meetingExtractPrintRoute,
  appRoute.addChildren([
    homeRoute,
    projectsRoute,
    newProjectRoute,
    projectRoute.addChildren([
      projectOverviewRoute,
      projectPlanRoute,
      projectEfterkalkylRoute,
      projectTimelineRoute,
      projectGoalsRoute,
      projectBaselinesRoute,
      projectStaffingRoute,
      projectRisksRoute,
      projectFinanceRoute,
      finalReportsRoute,
      finalReportRoute,
      projectHistoryRoute,
      projectGovernanceRoute,
      projectIndicatorsRoute,
      projectStatusReportsRoute,
      projectStatusReportRoute,
    ]),
    editProjectRoute,
    organisationsRoute,
    organisationRoute,
    programmesRoute,
    programmeRoute,
    accountRoute,
    myExtractRoute,
    adminUsersRoute,
    adminInviteRoute,
    adminUserRoute,
    adminUserExtractRoute,
    adminPeopleRoute,
    adminNewPersonRoute,
    adminPersonRoute,
    adminPersonExtractRoute,
    adminAuditRoute,
    adminPrivacyRoute,
    reportTemplatesRoute,
    reportTemplateRoute,
    financeImportsRoute,
    financeSettingsRoute,
    financePortfolioRoute,
    decideRoute,
    decisionsRoute,
    steeringGroupsRoute,
    newSteeringGroupRoute,
    steeringGroupRoute,
    meetingRoute,
    portfolioRoute,
  ]),
])

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Freshness is TanStack Query's job; the router always asks it.
    defaultPreloadStaleTime: 0,
    defaultPendingMs: 300,
    defaultErrorComponent: RouteError,
    defaultPendingComponent: () => <Loading />,
    defaultNotFoundComponent: NotFoundPage,
    scrollRestoration: true,
  })
}

export type AppRouter = ReturnType<typeof createAppRouter>

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter
  }
  interface HistoryState {
    /** A one-time confirmation shown on the page navigated to ("Ändringarna är sparade."). */
    flash?: string
  }
}
