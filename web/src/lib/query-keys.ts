/**
 * Every query key of the app, in one place, so a mutation in one feature can invalidate
 * what another feature shows (features never import each other).
 * Paged lists: `page` keys hold one page, `infinite` keys the pages loaded so far.
 */
export const queryKeys = {
  me: ['me'] as const,
  projects: {
    all: ['projects'] as const,
    lists: () => ['projects', 'list'] as const,
    list: (query: object) => ['projects', 'list', 'page', query] as const,
    infinite: (query: object) => ['projects', 'list', 'infinite', query] as const,
    detail: (projectId: string) => ['projects', 'detail', projectId] as const,
    members: (projectId: string) => ['projects', 'detail', projectId, 'members'] as const,
    history: (projectId: string) => ['projects', 'detail', projectId, 'history'] as const,
  },
  organisations: {
    all: ['organisations'] as const,
    list: (query: object) => ['organisations', 'list', 'page', query] as const,
    infinite: (query: object) => ['organisations', 'list', 'infinite', query] as const,
    detail: (organisationId: string) => ['organisations', 'detail', organisationId] as const,
  },
  programmes: {
    all: ['programmes'] as const,
    list: (query: object) => ['programmes', 'list', 'page', query] as const,
    infinite: (query: object) => ['programmes', 'list', 'infinite', query] as const,
    detail: (programmeId: string) => ['programmes', 'detail', programmeId] as const,
  },
  finalReports: {
    list: (projectId: string) => ['projects', 'detail', projectId, 'final-reports'] as const,
    detail: (projectId: string, reportId: string) =>
      ['projects', 'detail', projectId, 'final-reports', reportId] as const,
    document: (projectId: string, reportId: string) =>
      ['projects', 'detail', projectId, 'final-reports', reportId, 'document'] as const,
  },
  reportTemplates: {
    all: ['report-templates'] as const,
    detail: (templateId: string) => ['report-templates', templateId] as const,
  },
  plans: {
    all: (projectId: string) => ['plans', projectId] as const,
    activities: (projectId: string) => ['plans', projectId, 'activities'] as const,
    efterkalkyl: (projectId: string) => ['plans', projectId, 'efterkalkyl'] as const,
    goals: (projectId: string) => ['plans', projectId, 'goals'] as const,
    baselines: (projectId: string) => ['plans', projectId, 'baselines'] as const,
    baseline: (projectId: string, baselineId: string) =>
      ['plans', projectId, 'baselines', baselineId] as const,
    comparison: (projectId: string) => ['plans', projectId, 'comparison'] as const,
    staffing: (projectId: string) => ['plans', projectId, 'staffing'] as const,
    risks: (projectId: string) => ['plans', projectId, 'risks'] as const,
  },
  finance: {
    all: ['finance'] as const,
    project: (projectId: string) => ['finance', 'project', projectId] as const,
    burn: (projectId: string, query: object) => ['finance', 'project', projectId, 'burn', query] as const,
    summary: (projectId: string) => ['finance', 'project', projectId, 'summary'] as const,
    version: (projectId: string, versionId: string) =>
      ['finance', 'project', projectId, 'version', versionId] as const,
    actuals: (projectId: string) => ['finance', 'project', projectId, 'actuals'] as const,
    organisations: ['finance', 'organisations'] as const,
    settings: (organisationId: string) => ['finance', 'settings', organisationId] as const,
    imports: (organisationId: string) => ['finance', 'imports', organisationId] as const,
    import: (importId: string) => ['finance', 'import', importId] as const,
    importErrors: (importId: string) => ['finance', 'import', importId, 'errors'] as const,
    portfolio: (query: object) => ['finance', 'portfolio', query] as const,
  },
  people: {
    all: ['people'] as const,
    list: (query: object) => ['people', 'list', 'page', query] as const,
    infinite: (query: object) => ['people', 'list', 'infinite', query] as const,
    detail: (personId: string) => ['people', 'detail', personId] as const,
  },
  users: {
    all: ['users'] as const,
    infinite: (query: object) => ['users', 'list', 'infinite', query] as const,
    list: (query: object) => ['users', 'list', 'page', query] as const,
    detail: (userId: string) => ['users', 'detail', userId] as const,
    sessions: (userId: string) => ['users', 'detail', userId, 'sessions'] as const,
  },
  account: {
    sessions: ['account', 'sessions'] as const,
  },
  audit: {
    all: ['audit'] as const,
    infinite: (query: object) => ['audit', 'infinite', query] as const,
  },
  portfolio: {
    all: ['portfolio'] as const,
    infinite: (query: object) => ['portfolio', 'infinite', query] as const,
    views: ['portfolio', 'views'] as const,
    steeringGroups: ['portfolio', 'steering-groups'] as const,
    programme: (programmeId: string) => ['portfolio', 'programme', programmeId] as const,
    home: ['portfolio', 'home'] as const,
    situation: (projectId: string) => ['portfolio', 'situation', projectId] as const,
  },
  privacy: {
    setting: (organisationId: string) => ['privacy', 'setting', organisationId] as const,
    extract: (kind: 'user' | 'person' | 'me', id: string) => ['privacy', 'extract', kind, id] as const,
  },
  governance: {
    all: ['governance'] as const,
    inbox: ['governance', 'inbox'] as const,
    decisions: (filter: object) => ['governance', 'decisions', filter] as const,
    groups: ['governance', 'groups'] as const,
    group: (groupId: string) => ['governance', 'group', groupId] as const,
    membersOn: (groupId: string, on: string) => ['governance', 'group', groupId, 'members', on] as const,
    meeting: (meetingId: string) => ['governance', 'meeting', meetingId] as const,
    projectRequests: (projectId: string) => ['governance', 'project', projectId, 'requests'] as const,
    course: (projectId: string) => ['governance', 'project', projectId, 'course'] as const,
  },
  indicators: {
    all: (projectId: string) => ['indicators', projectId] as const,
    grid: (projectId: string) => ['indicators', projectId, 'grid'] as const,
    rollup: (programmeId: string) => ['indicators', 'rollup', programmeId] as const,
  },
  statusReports: {
    all: (projectId: string) => ['status-reports', projectId] as const,
    list: (projectId: string) => ['status-reports', projectId, 'list'] as const,
    detail: (projectId: string, reportId: string) =>
      ['status-reports', projectId, 'detail', reportId] as const,
    due: ['status-reports', 'due'] as const,
  },
}
