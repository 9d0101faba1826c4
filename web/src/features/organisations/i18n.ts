import type { Translations } from '../../lib/i18n'

export const sv = {
  list: {
    title: 'Organisationer',
    description:
      'Kommuner, regioner, förvaltningar och enheter som äger eller finansierar projekt. Öppna en nivå för att se organisationerna under den.',
    treeLabel: 'Organisationsträd',
    empty: 'Det finns inga organisationer att visa.',
    showChildren: 'Underorganisationer till {{name}}',
    childCount_one: '{{count}} underorganisation',
    childCount_other: '{{count}} underorganisationer',
  },
  detail: {
    breadcrumbs: 'Du är här',
    facts: 'Uppgifter',
    kind: 'Typ',
    shortName: 'Kortnamn',
    parent: 'Ingår i',
    topLevel: 'Högsta nivå',
    children: 'Underorganisationer',
    noChildren: 'Organisationen har inga underorganisationer.',
    projects: 'Projekt som organisationen äger',
    projectsCaption: 'Projekt som ägs av {{name}}',
    noProjects: 'Organisationen äger inga projekt som du kan se.',
  },
  edit: {
    title: 'Ändra namn',
    name: 'Namn',
    shortName: 'Kortnamn',
    shortNameHint: 'Till exempel BUF eller SOC. Lämna tomt om det inte finns något.',
    nameRequired: 'Skriv organisationens namn.',
    saved: 'Organisationen är sparad.',
    conflict:
      'Någon annan har ändrat organisationen medan du redigerade. Den sparade versionen visas nu; gör om din ändring om den fortfarande behövs.',
  },
  create: {
    title: 'Lägg till en organisation under denna',
    kind: 'Slag',
    submit: 'Lägg till',
    created: '{{name}} är tillagd.',
  },
} as const

export const en: Translations<typeof sv> = {
  list: {
    title: 'Organisations',
    description:
      'Municipalities, regions, administrations and units that own or fund projects. Open a level to see the organisations below it.',
    treeLabel: 'Organisation tree',
    empty: 'There are no organisations to show.',
    showChildren: 'Sub-organisations of {{name}}',
    childCount_one: '{{count}} sub-organisation',
    childCount_other: '{{count}} sub-organisations',
  },
  detail: {
    breadcrumbs: 'You are here',
    facts: 'Details',
    kind: 'Kind',
    shortName: 'Short name',
    parent: 'Part of',
    topLevel: 'Top level',
    children: 'Sub-organisations',
    noChildren: 'The organisation has no sub-organisations.',
    projects: 'Projects owned by the organisation',
    projectsCaption: 'Projects owned by {{name}}',
    noProjects: 'The organisation owns no projects that you can see.',
  },
  edit: {
    title: 'Rename',
    name: 'Name',
    shortName: 'Short name',
    shortNameHint: 'For example BUF or SOC. Leave empty if there is none.',
    nameRequired: 'Enter the name of the organisation.',
    saved: 'The organisation is saved.',
    conflict:
      'Someone else changed the organisation while you were editing. The saved version is shown now; redo your change if it is still needed.',
  },
  create: {
    title: 'Add an organisation below this one',
    kind: 'Kind',
    submit: 'Add',
    created: '{{name}} has been added.',
  },
}
