import { Type } from 'typebox'
import { personalDataChecks } from '../domain/personal-data.ts'
import { Id, IdParams, IsoDate, Nullable, Ref, Timestamp, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { OrganisationRole, ProjectRole } from './auth.ts'
import { FieldChange } from './history.ts'
import { authMethods, LinkPurpose, UserStatus } from './users.ts'

const LocalizedText = Type.Object({ sv: Type.String(), en: Type.String() })

export const ExtractAccount = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  organisation: Ref,
  status: UserStatus,
  createdAt: Timestamp,
  lastLoginAt: Nullable(Timestamp),
  sso: Nullable(Type.Object({ issuer: Type.String(), subject: Type.String() })),
  roles: Type.Array(Type.Object({ role: OrganisationRole, organisation: Ref })),
  projectRoles: Type.Array(Type.Object({ project: Ref, code: Nullable(Type.String()), role: ProjectRole })),
  sessions: Type.Array(
    Type.Object({
      createdAt: Timestamp,
      lastSeenAt: Timestamp,
      expiresAt: Timestamp,
      method: Type.Enum(authMethods),
      userAgent: Nullable(Type.String()),
    }),
  ),
  links: Type.Array(
    Type.Object({
      purpose: LinkPurpose,
      createdAt: Timestamp,
      expiresAt: Timestamp,
      usedAt: Nullable(Timestamp),
      revokedAt: Nullable(Timestamp),
    }),
  ),
})

export const ExtractEvent = Type.Object({
  at: Timestamp,
  entity: Type.String(),
  entityId: Id,
  action: Type.String(),
  project: Nullable(Ref),
  actor: Nullable(Ref),
  changes: Type.Array(FieldChange),
})

/** Everything Lägesbild keeps about one member of staff (GDPR art. 15). */
export const RegisterExtract = Type.Object({
  generatedAt: Timestamp,
  subject: Type.Object({ name: Type.String(), personId: Nullable(Id), userIds: Type.Array(Id) }),
  person: Nullable(
    Type.Object({
      id: Id,
      name: Type.String(),
      title: Nullable(Type.String()),
      email: Nullable(Type.String()),
      organisation: Ref,
      createdAt: Timestamp,
      updatedAt: Timestamp,
    }),
  ),
  accounts: Type.Array(ExtractAccount),
  projectLeaderships: Type.Array(
    Type.Object({ project: Ref, code: Nullable(Type.String()), from: IsoDate, to: Nullable(IsoDate) }),
  ),
  changesMade: Type.Object({
    total: Type.Integer({ description: 'Every change recorded with this person as the one who made it' }),
    latest: Type.Array(ExtractEvent, { description: 'The latest 200 of them' }),
  }),
  recordsAbout: Type.Array(ExtractEvent, {
    description: 'Recorded changes to the person’s own staff record and account',
  }),
  other: Type.Array(
    Type.Object({
      source: Type.String(),
      title: LocalizedText,
      items: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    }),
    { description: 'Data other features keep about the person (e.g. steering-group memberships)' },
  ),
  retention: Type.Array(Type.Object({ what: LocalizedText, kept: LocalizedText })),
})

export const ErasureBody = Type.Object(
  {
    confirmName: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The person’s current name, typed again: erasure cannot be undone',
    }),
  },
  { additionalProperties: false },
)

export const ErasureResult = Type.Object({
  number: Type.Integer(),
  pseudonym: Type.String({ description: 'What history shows instead of the name' }),
  erasedAt: Timestamp,
  personId: Nullable(Id),
  userIds: Type.Array(Id),
  mentions: Type.Array(
    Type.Object(
      { project: Ref, fields: Type.Array(Type.String()) },
      {
        description: 'Project texts where the name was replaced by the pseudonym',
      },
    ),
  ),
})

export const PersonalDataCheck = Type.Enum(personalDataChecks, {
  description:
    'off: no check; warn: the app warns while typing; refuse: the server also refuses text that looks like personal data (422)',
})

export const PrivacySetting = Type.Object({
  organisationId: Id,
  personalDataCheck: PersonalDataCheck,
  inheritedFrom: Nullable(Ref),
  version: Nullable(Version),
  canEdit: Type.Boolean(),
})

export const PrivacySettingParams = Type.Object({ organisationId: Id })

export const PrivacySettingPut = Type.Object(
  { personalDataCheck: PersonalDataCheck, version: Type.Optional(Version) },
  { additionalProperties: false },
)

const tags = ['privacy']

export const getPersonExtract = endpoint({
  method: 'GET',
  url: '/api/privacy/people/:id/extract',
  schema: {
    summary: 'Register extract of a member of staff (registerutdrag)',
    tags,
    params: IdParams,
    response: { 200: RegisterExtract, ...problemResponses },
  },
})

export const getUserExtract = endpoint({
  method: 'GET',
  url: '/api/privacy/users/:id/extract',
  schema: {
    summary: 'Register extract of a user account and its staff record',
    tags,
    params: IdParams,
    response: { 200: RegisterExtract, ...problemResponses },
  },
})

export const getMyExtract = endpoint({
  method: 'GET',
  url: '/api/me/extract',
  schema: {
    summary: 'Your own register extract',
    tags,
    response: { 200: RegisterExtract, ...problemResponses },
  },
})

export const erasePerson = endpoint({
  method: 'POST',
  url: '/api/privacy/people/:id/erase',
  schema: {
    summary: 'Erase a member of staff by pseudonymisation; history keeps reading as "Tidigare medarbetare N"',
    description: 'Cannot be undone. Their accounts are closed and unlinked from single sign-on.',
    tags,
    params: IdParams,
    body: ErasureBody,
    response: { 200: ErasureResult, ...problemResponses },
  },
})

export const eraseUser = endpoint({
  method: 'POST',
  url: '/api/privacy/users/:id/erase',
  schema: {
    summary: 'Erase a user (and their staff record) by pseudonymisation',
    tags,
    params: IdParams,
    body: ErasureBody,
    response: { 200: ErasureResult, ...problemResponses },
  },
})

export const getPrivacySetting = endpoint({
  method: 'GET',
  url: '/api/privacy/settings/:organisationId',
  schema: {
    summary: 'How free text is checked for personal data in an organisation (nearest setting up the tree)',
    tags,
    params: PrivacySettingParams,
    response: { 200: PrivacySetting, ...problemResponses },
  },
})

export const putPrivacySetting = endpoint({
  method: 'PUT',
  url: '/api/privacy/settings/:organisationId',
  schema: {
    summary: 'Set how free text is checked for personal data in an organisation and below',
    tags,
    params: PrivacySettingParams,
    body: PrivacySettingPut,
    response: { 200: PrivacySetting, ...problemResponses },
  },
})
