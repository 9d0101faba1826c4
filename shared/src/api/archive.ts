import { Type } from 'typebox'
import { Id } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'

const tags = ['archive']

/** What to deliver to the archive: one project (with its sub-projects), a programme or an organisation. */
export const ArchiveSelection = Type.Object(
  {
    projectId: Type.Optional(Id),
    programmeId: Type.Optional(Id),
    organisationId: Type.Optional(Id),
  },
  { additionalProperties: false },
)

// The server streams the package (a Node stream is an async iterable of bytes), one document at a time.
const Zip = Type.Unsafe<Uint8Array | AsyncIterable<Uint8Array>>({
  type: 'string',
  format: 'binary',
  description: 'zip file',
})

/** One file of the package as the manifest lists it. */
export const ArchiveManifestFile = Type.Object({
  file: Type.String(),
  kind: Type.Union([
    Type.Literal('decision_register'),
    Type.Literal('final_report'),
    Type.Literal('addendum'),
  ]),
  diaryNumber: Type.Union([Type.String(), Type.Null()]),
  project: Type.Union([Type.String(), Type.Null()]),
  projectCode: Type.Union([Type.String(), Type.Null()]),
  date: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  status: Type.Union([Type.String(), Type.Null()]),
  bytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
})

export const ArchiveManifest = Type.Object({
  format: Type.Literal('lagesbild.archive'),
  version: Type.Literal(1),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
  selection: Type.Object({ kind: Type.String(), id: Id, name: Type.String() }),
  files: Type.Array(ArchiveManifestFile),
})

export const exportArchive = endpoint({
  method: 'GET',
  url: '/api/archive/export',
  schema: {
    summary:
      'Public records for the archive as one ZIP: the decision register (XLSX and CSV), every submitted final report as PDF and DOCX named by diarienummer, and a manifest with SHA-256 checksums',
    tags,
    querystring: ArchiveSelection,
    response: { 200: Zip, ...problemResponses },
  },
})
