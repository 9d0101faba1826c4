import { useTranslation } from 'react-i18next'
import type { Translations } from '../../lib/i18n'

/*
 * The texts of governance's record keeping (creating and editing groups, linking projects, the
 * protocol extract, milestone approval in the plan). Namespace 'governanceKeeping'.
 */

export const sv = {
  newGroup: 'Ny styrgrupp',
  groupKinds: { steering_group: 'Styrgrupp', management_group: 'Ledningsgrupp' },
  form: {
    name: 'Namn',
    kind: 'Slag av grupp',
    description: 'Uppdrag',
    descriptionHint:
      'Gruppens uppdrag och mandat. Skriv inga personuppgifter om barn, elever eller familjer.',
    organisations: 'Representerade organisationer',
    organisationsHint: 'Förvaltningarna som sitter i gruppen.',
  },
  create: {
    title: 'Ny styrgrupp eller ledningsgrupp',
    intro: 'Lägg till ledamöter och de projekt gruppen styr när den är skapad.',
    owner: 'Organisation',
    ownerHint: 'Administratörer och portföljansvariga där håller gruppens uppgifter aktuella.',
    submit: 'Skapa gruppen',
    created: 'Gruppen är skapad.',
    notAllowed: 'Bara administratörer och portföljansvariga kan skapa styrgrupper.',
  },
  edit: {
    open: 'Ändra namn, slag och organisationer',
    save: 'Spara uppgifterna',
    saved: 'Uppgifterna är sparade.',
  },
  members: {
    edit: 'Ändra',
    editLabel: 'Ändra {{name}}s medlemskap',
    editTitle: 'Ändra medlemskap: {{name}}',
    toHint: 'Lämna tomt om medlemskapet fortsätter.',
    save: 'Spara medlemskapet',
    saved: 'Medlemskapet är sparat.',
    added: '{{name}} är tillagd.',
  },
  projects: {
    title: 'Projekt som gruppen styr',
    none: 'Gruppen styr inga projekt ännu.',
    subProject: 'Delprojekt',
    end: 'Avsluta i dag',
    endLabel: 'Avsluta i dag: styrningen av {{name}}',
    ended: 'Styrningen av {{name}} är avslutad.',
    remove: 'Ta bort',
    removeLabel: 'Ta bort kopplingen till {{name}}',
    confirmRemove: 'Bekräfta',
    confirmRemoveLabel: 'Bekräfta: ta bort kopplingen till {{name}}',
    removed: 'Kopplingen till {{name}} är borttagen.',
    removeHint:
      'Ta bort är till för kopplingar som blivit fel. När gruppen har beslutat om projektet avslutar du perioden i stället.',
    link: 'Koppla ett projekt',
    search: 'Sök projekt',
    searchHint: 'Namn eller diarienummer, minst två tecken.',
    from: 'Styr från (valfritt)',
    results: 'Projekt som matchar',
    noResults: 'Inga projekt matchar.',
    linkOne: 'Koppla',
    linkLabel: 'Koppla {{name}} till gruppen',
    linked: 'Gruppen styr nu {{name}}.',
    alreadyLinked: 'Kopplat',
  },
  meeting: { downloadPdf: 'Ladda ner som PDF', downloadDocx: 'Ladda ner som Word' },
  extract: { toolbar: 'Protokollsutdrag', back: 'Tillbaka till mötet', print: 'Skriv ut' },
  plan: {
    requestApproval: 'Begär godkännande',
    requestApprovalLabel: 'Begär godkännande av milstolpen {{title}}',
    approval: {
      pending: 'Väntar på beslut',
      approved: 'Godkänd {{date}}',
      approvedParagraph: 'Godkänd § {{paragraph}}, {{date}}',
      rejected: 'Avslagen {{date}}',
      rejectedParagraph: 'Avslagen § {{paragraph}}, {{date}}',
    },
    pending: {
      title: 'Väntar på styrgruppens beslut',
      revision: 'Planrevision ”{{label}}”',
      asked: '(begärd {{date}})',
      askedIn: '– begärd {{date}} i huvudprojektet',
    },
  },
  record: {
    title: 'För in ett beslut',
    intro:
      'Ett beslut ur protokollet från ett möte, eller fattat per capsulam. En rättelse eller ett upphävande förs in som ett nytt beslut som anger vilket det ersätter; båda finns kvar.',
    meetingHint: 'Det senast hållna mötet är förvalt.',
    noProject: 'Inget projekt (gäller gruppen)',
    text: 'Beslutstext',
    textHint: 'Som i protokollet. Skriv inga personuppgifter om barn, elever eller familjer.',
    textRequired: 'Skriv beslutets text.',
    diaryNumber: 'Diarienummer',
    diaryNumberHint: 'Lämna tomt för projektets diarienummer.',
    supersedes: 'Ersätter beslut',
    supersedesHint: 'Vid en rättelse eller ett upphävande: beslutet som ersätts.',
    supersedesNone: 'Inget',
    decidedByHint: 'Lämna tomt: {{name}}.',
    submit: 'För in beslutet',
    recorded: 'Beslutet är infört i registret.',
    recordedParagraph: 'Beslutet är infört i registret som § {{paragraph}}.',
  },
  outside: {
    title: 'Beslut fattat utanför Lägesbild',
    intro:
      'Som administratör kan du registrera styrgruppens beslut om en begäran som fattats utanför systemet, till exempel på ett pappersprotokoll. Registret anger det och vem som beslutade; beslutet kan inte ändras i efterhand.',
    request: 'Begäran',
    decidedByHint:
      'Vem som fattade beslutet och var det finns, till exempel ”Styrgruppen, protokoll 2025-03-01”.',
    decidedByRequired: 'Ange vem som fattade beslutet.',
    submit: 'Registrera beslutet',
    approved: 'Beslutet är registrerat: begäran är godkänd.',
    rejected: 'Beslutet är registrerat: begäran är avslagen.',
  },
} as const

export const en: Translations<typeof sv> = {
  newGroup: 'New steering group',
  groupKinds: { steering_group: 'Steering group', management_group: 'Management group' },
  form: {
    name: 'Name',
    kind: 'Kind of group',
    description: 'Remit',
    descriptionHint:
      'The group’s remit and mandate. Write no personal data about children, pupils or families.',
    organisations: 'Organisations represented',
    organisationsHint: 'The administrations that sit in the group.',
  },
  create: {
    title: 'New steering or management group',
    intro: 'Add members and the projects the group governs once it is created.',
    owner: 'Organisation',
    ownerHint: 'Administrators and portfolio managers there keep the group’s records up to date.',
    submit: 'Create the group',
    created: 'The group is created.',
    notAllowed: 'Only administrators and portfolio managers can create steering groups.',
  },
  edit: {
    open: 'Change name, kind and organisations',
    save: 'Save the details',
    saved: 'The details are saved.',
  },
  members: {
    edit: 'Change',
    editLabel: 'Change the membership of {{name}}',
    editTitle: 'Change membership: {{name}}',
    toHint: 'Leave empty if the membership continues.',
    save: 'Save the membership',
    saved: 'The membership is saved.',
    added: '{{name}} is added.',
  },
  projects: {
    title: 'Projects the group governs',
    none: 'The group governs no projects yet.',
    subProject: 'Sub-project',
    end: 'End today',
    endLabel: 'End today: governing {{name}}',
    ended: 'Governing {{name}} has ended.',
    remove: 'Remove',
    removeLabel: 'Remove the link to {{name}}',
    confirmRemove: 'Confirm',
    confirmRemoveLabel: 'Confirm: remove the link to {{name}}',
    removed: 'The link to {{name}} is removed.',
    removeHint:
      'Remove is for links made by mistake. Once the group has decided on the project, end the period instead.',
    link: 'Link a project',
    search: 'Search projects',
    searchHint: 'Name or reference number, at least two characters.',
    from: 'Governs from (optional)',
    results: 'Matching projects',
    noResults: 'No projects match.',
    linkOne: 'Link',
    linkLabel: 'Link {{name}} to the group',
    linked: 'The group now governs {{name}}.',
    alreadyLinked: 'Linked',
  },
  meeting: { downloadPdf: 'Download as PDF', downloadDocx: 'Download as Word' },
  extract: { toolbar: 'Protocol extract', back: 'Back to the meeting', print: 'Print' },
  plan: {
    requestApproval: 'Ask for approval',
    requestApprovalLabel: 'Ask for approval of the milestone {{title}}',
    approval: {
      pending: 'Awaiting decision',
      approved: 'Approved {{date}}',
      approvedParagraph: 'Approved § {{paragraph}}, {{date}}',
      rejected: 'Rejected {{date}}',
      rejectedParagraph: 'Rejected § {{paragraph}}, {{date}}',
    },
    pending: {
      title: 'Awaiting the steering group’s decision',
      revision: 'Plan revision “{{label}}”',
      asked: '(requested {{date}})',
      askedIn: '– requested {{date}} in the main project',
    },
  },
  record: {
    title: 'Enter a decision',
    intro:
      'A decision from the minutes of a meeting, or taken per capsulam. A correction or reversal is entered as a new decision naming the one it supersedes; both remain.',
    meetingHint: 'The latest meeting held is chosen by default.',
    noProject: 'No project (concerns the group)',
    text: 'Text of the decision',
    textHint: 'As in the minutes. Write no personal data about children, pupils or families.',
    textRequired: 'Write the text of the decision.',
    diaryNumber: 'Reference number',
    diaryNumberHint: 'Leave empty for the project’s reference number.',
    supersedes: 'Supersedes decision',
    supersedesHint: 'For a correction or reversal: the decision it replaces.',
    supersedesNone: 'None',
    decidedByHint: 'Leave empty: {{name}}.',
    submit: 'Enter the decision',
    recorded: 'The decision is entered in the register.',
    recordedParagraph: 'The decision is entered in the register as § {{paragraph}}.',
  },
  outside: {
    title: 'Decision taken outside Lägesbild',
    intro:
      'As an administrator you can record the steering group’s decision on a request that was taken outside the system, for example in paper minutes. The register says so and who decided; the decision cannot be changed afterwards.',
    request: 'Request',
    decidedByHint:
      'Who took the decision and where it is recorded, for example “The steering group, minutes 2025-03-01”.',
    decidedByRequired: 'Say who took the decision.',
    submit: 'Record the decision',
    approved: 'The decision is recorded: the request is approved.',
    rejected: 'The decision is recorded: the request is rejected.',
  },
}

/** `t` of this namespace (registered in lib/i18n.ts, loaded with the first page that asks). */
export const useKeepingTranslation = () => useTranslation('governanceKeeping')
