import { Type } from 'typebox'
import { Id, Nullable, Page, PageQuery, Ref, Text, Timestamp, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { Category, CategoryCode, Ore } from './finance.ts'
import { IfMatchHeaders } from './projects.ts'

export const importFields = [
  'date',
  'amount',
  'debit',
  'credit',
  'voucher',
  'account',
  'costCentre',
  'projectCode',
  'category',
  'description',
] as const
export type ImportField = (typeof importFields)[number]

export const importStatuses = [
  'uploaded',
  'validated',
  'invalid',
  'committing',
  'committed',
  'failed',
] as const

const HeaderName = Nullable(Type.String({ maxLength: 200 }))

export const ColumnMapping = Type.Object(
  Object.fromEntries(importFields.map((f) => [f, Type.Optional(HeaderName)])) as Record<
    ImportField,
    ReturnType<typeof Type.Optional<typeof HeaderName>>
  >,
  { additionalProperties: false, description: 'Which column (by its header) holds each field' },
)

export const ImportSettings = Type.Object(
  {
    encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('windows-1252')]),
    delimiter: Type.Union([Type.Literal(';'), Type.Literal(','), Type.Literal('\t')]),
    headerRow: Type.Integer({
      minimum: 1,
      maximum: 100,
      description: 'Row (1-based) that holds the column headers',
    }),
    mapping: ColumnMapping,
  },
  { additionalProperties: false },
)

export const ImportStatus = Type.Enum(importStatuses)

export const FinanceImport = Type.Object({
  id: Id,
  organisation: Ref,
  fileName: Type.String(),
  fileSize: Type.Integer(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  status: ImportStatus,
  settings: ImportSettings,
  /** What the upload step found on its own, shown beside the chosen settings. */
  detected: ImportSettings,
  mappingFromProfile: Type.Boolean({ description: "The organisation's saved column mapping was reused" }),
  counts: Type.Object({
    total: Nullable(Type.Integer()),
    valid: Nullable(Type.Integer()),
    invalid: Nullable(Type.Integer()),
    done: Type.Integer(),
    inserted: Nullable(Type.Integer()),
    duplicate: Nullable(Type.Integer()),
  }),
  amountTotalOre: Nullable(Ore),
  failure: Nullable(Type.String()),
  stale: Type.Boolean({ description: 'A commit that stopped without finishing (its rows are not counted)' }),
  createdBy: Ref,
  createdAt: Timestamp,
  committedBy: Nullable(Ref),
  committedAt: Nullable(Timestamp),
  rollback: Nullable(
    Type.Object({ by: Ref, at: Timestamp, reason: Type.String(), rowsRemoved: Type.Integer() }),
  ),
  version: Version,
})

export const ImportPreview = Type.Object({
  headers: Type.Array(Type.String()),
  before: Type.Array(Type.Array(Type.String()), { description: 'Rows above the header row' }),
  rows: Type.Array(
    Type.Object({
      rowNumber: Type.Integer(),
      cells: Type.Array(Type.String()),
      parsed: Nullable(
        Type.Object({
          date: Type.String(),
          amountOre: Ore,
          voucher: Type.String(),
          project: Nullable(Ref),
          category: Nullable(CategoryCode),
        }),
      ),
      errors: Type.Array(
        Type.Object({ column: Nullable(Type.String()), code: Type.String(), message: Type.String() }),
      ),
    }),
  ),
})

export const FinanceImportDetail = Type.Object({ ...FinanceImport.properties, preview: ImportPreview })

export const ImportRowError = Type.Object({
  rowNumber: Type.Integer({ description: 'Row in the file, 1-based, as a spreadsheet shows it' }),
  column: Nullable(Type.String()),
  value: Nullable(Type.String()),
  code: Type.String(),
  message: Type.String(),
})

export const ImportListQuery = Type.Object(
  { organisationId: Id, ...PageQuery },
  { additionalProperties: false },
)
export const ImportParams = Type.Object({ importId: Id })
export const OrganisationParams = Type.Object({ organisationId: Id })

export const ImportSettingsPut = Type.Object(
  {
    version: Type.Optional(Version),
    settings: ImportSettings,
    remember: Type.Optional(Type.Boolean({ description: "Save the column mapping as the organisation's" })),
  },
  { additionalProperties: false },
)

export const AccountRule = Type.Object(
  { prefix: Type.String({ pattern: '^[0-9A-Za-z]{1,20}$' }), category: CategoryCode },
  { additionalProperties: false },
)

export const FinanceOrganisationSettings = Type.Object({
  organisation: Ref,
  categories: Type.Array(Category),
  accountRules: Type.Array(AccountRule),
  columnMapping: Nullable(ColumnMapping),
  version: Version,
})

export const FinanceOrganisationSettingsPut = Type.Object(
  {
    version: Type.Optional(Version),
    categories: Type.Array(
      Type.Object(
        {
          code: CategoryCode,
          nameSv: Type.String({ minLength: 1, maxLength: 80 }),
          nameEn: Type.String({ minLength: 1, maxLength: 80 }),
          active: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 40 },
    ),
    accountRules: Type.Array(AccountRule, { maxItems: 200 }),
  },
  { additionalProperties: false },
)

export const SampleQuery = Type.Object(
  { variant: Type.Optional(Type.Union([Type.Literal('clean'), Type.Literal('broken')])) },
  { additionalProperties: false },
)

const tags = ['finance imports']
const r = <T extends Record<number, unknown>>(ok: T) => ({ ...ok, ...problemResponses })

export const listFinanceOrganisations = endpoint({
  method: 'GET',
  url: '/api/finance/organisations',
  schema: {
    summary: 'Organisations whose finance you serve (finance or administrator)',
    tags,
    response: r({ 200: Type.Object({ items: Type.Array(Ref) }) }),
  },
})

export const getFinanceOrganisationSettings = endpoint({
  method: 'GET',
  url: '/api/finance/organisations/:organisationId/settings',
  schema: {
    summary: 'Cost categories, account rules and saved column mapping',
    tags,
    params: OrganisationParams,
    response: r({ 200: FinanceOrganisationSettings }),
  },
})

export const putFinanceOrganisationSettings = endpoint({
  method: 'PUT',
  url: '/api/finance/organisations/:organisationId/settings',
  schema: {
    summary: 'Set the cost categories and account rules',
    tags,
    params: OrganisationParams,
    headers: IfMatchHeaders,
    body: FinanceOrganisationSettingsPut,
    response: r({ 200: FinanceOrganisationSettings }),
  },
})

export const listImports = endpoint({
  method: 'GET',
  url: '/api/finance/imports',
  schema: {
    summary: 'Import history of an organisation, newest first',
    tags,
    querystring: ImportListQuery,
    response: r({ 200: Page(FinanceImport) }),
  },
})

export const uploadImport = endpoint({
  method: 'POST',
  url: '/api/finance/imports',
  schema: {
    summary:
      'Upload a finance export (CSV or XLSX, multipart field "file"); returns detected settings and a preview',
    tags,
    querystring: Type.Object({ organisationId: Id }, { additionalProperties: false }),
    response: r({ 201: FinanceImportDetail }),
  },
})

export const getImport = endpoint({
  method: 'GET',
  url: '/api/finance/imports/:importId',
  schema: {
    summary: 'One import with its preview and progress',
    tags,
    params: ImportParams,
    response: r({ 200: FinanceImportDetail }),
  },
})

export const putImportSettings = endpoint({
  method: 'PUT',
  url: '/api/finance/imports/:importId/settings',
  schema: {
    summary: 'Choose encoding, delimiter, header row and column mapping',
    tags,
    params: ImportParams,
    headers: IfMatchHeaders,
    body: ImportSettingsPut,
    response: r({ 200: FinanceImportDetail }),
  },
})

export const validateImport = endpoint({
  method: 'POST',
  url: '/api/finance/imports/:importId/validate',
  schema: {
    summary: 'Check every row; errors are listed per row and column',
    tags,
    params: ImportParams,
    response: r({ 200: FinanceImport }),
  },
})

export const listImportErrors = endpoint({
  method: 'GET',
  url: '/api/finance/imports/:importId/errors',
  schema: {
    summary: 'Row-level errors of the last validation',
    tags,
    params: ImportParams,
    querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
    response: r({ 200: Page(ImportRowError) }),
  },
})

export const commitImport = endpoint({
  method: 'POST',
  url: '/api/finance/imports/:importId/commit',
  schema: {
    summary:
      'Write the rows, all or nothing; rows already imported are skipped. Progress shows on GET meanwhile',
    tags,
    params: ImportParams,
    response: r({ 200: FinanceImport }),
  },
})

export const rollbackImport = endpoint({
  method: 'POST',
  url: '/api/finance/imports/:importId/rollback',
  schema: {
    summary: 'Take back every row of a committed import',
    tags,
    params: ImportParams,
    body: Type.Object({ reason: Type.Optional(Text(1000)) }, { additionalProperties: false }),
    response: r({ 200: FinanceImport }),
  },
})

export const discardImport = endpoint({
  method: 'DELETE',
  url: '/api/finance/imports/:importId',
  schema: {
    summary: 'Discard an upload that was never committed',
    tags,
    params: ImportParams,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const downloadSampleExport = endpoint({
  method: 'GET',
  url: '/api/finance/sample-export',
  schema: {
    summary:
      'An example finance export (semicolon, Windows-1252) that imports into the demo; variant=broken has errors',
    tags,
    querystring: SampleQuery,
    response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...problemResponses },
  },
})
