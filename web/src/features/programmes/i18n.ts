import type { Translations } from '../../lib/i18n'

export const sv = {
  list: {
    title: 'Program',
    description: 'Program och satsningar som samlar projekt, till exempel ett års folkhälsomedel.',
    tableCaption: 'Program',
    name: 'Program',
    owner: 'Ägare',
    period: 'Period',
    projectCount: 'Projekt',
    empty: 'Det finns inga program att visa.',
  },
  detail: {
    breadcrumbs: 'Du är här',
    facts: 'Uppgifter',
    description: 'Beskrivning',
    owner: 'Ägare',
    period: 'Period',
    projectCount: 'Antal projekt',
    projects: 'Projekt i programmet',
    projectsCaption: 'Projekt i {{name}}',
    noProjects: 'Programmet har inga projekt som du kan se.',
    noDescription: 'Programmet saknar beskrivning.',
  },
  edit: {
    title: 'Redigera program',
    name: 'Namn',
    description: 'Beskrivning',
    periodStart: 'Periodens början',
    periodEnd: 'Periodens slut',
    nameRequired: 'Skriv programmets namn.',
    dateInvalid: 'Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.',
    endBeforeStart: 'Periodens slut kan inte ligga före dess början.',
    saved: 'Programmet är sparat.',
    conflict:
      'Någon annan har ändrat programmet medan du redigerade. Den sparade versionen visas nu; gör om din ändring om den fortfarande behövs.',
  },
  create: {
    title: 'Nytt program',
    owner: 'Programägare',
    chooseOwner: 'Välj organisation',
    ownerRequired: 'Välj vilken organisation som äger programmet.',
    submit: 'Skapa program',
    created: '{{name}} är skapat. Öppna programmet.',
  },
} as const

export const en: Translations<typeof sv> = {
  list: {
    title: 'Programmes',
    description:
      'Programmes and initiatives that gather projects, for example one year of public-health funds.',
    tableCaption: 'Programmes',
    name: 'Programme',
    owner: 'Owner',
    period: 'Period',
    projectCount: 'Projects',
    empty: 'There are no programmes to show.',
  },
  detail: {
    breadcrumbs: 'You are here',
    facts: 'Details',
    description: 'Description',
    owner: 'Owner',
    period: 'Period',
    projectCount: 'Number of projects',
    projects: 'Projects in the programme',
    projectsCaption: 'Projects in {{name}}',
    noProjects: 'The programme has no projects that you can see.',
    noDescription: 'The programme has no description.',
  },
  edit: {
    title: 'Edit programme',
    name: 'Name',
    description: 'Description',
    periodStart: 'Start of period',
    periodEnd: 'End of period',
    nameRequired: 'Enter the name of the programme.',
    dateInvalid: 'Enter a date that exists, as YYYY-MM-DD.',
    endBeforeStart: 'The end of the period cannot be before its start.',
    saved: 'The programme is saved.',
    conflict:
      'Someone else changed the programme while you were editing. The saved version is shown now; redo your change if it is still needed.',
  },
  create: {
    title: 'New programme',
    owner: 'Programme owner',
    chooseOwner: 'Choose organisation',
    ownerRequired: 'Choose the organisation that owns the programme.',
    submit: 'Create programme',
    created: '{{name}} is created. Open the programme.',
  },
}
