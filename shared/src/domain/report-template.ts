import { type Static, Type } from 'typebox'
import type { Localized } from '../http/language.ts'

/**
 * A report template is a versioned list of sections. Each section has a stable key (the
 * narrative written under it follows the key when the heading is renamed), a heading and
 * guidance in both languages, and says whether it is written, generated from the data, or both.
 */

export const sectionKinds = ['narrative', 'generated', 'both'] as const
export type SectionKind = (typeof sectionKinds)[number]

/**
 * The sources a generated section can draw on. Each is filled by the module that owns the
 * data (`registerReportSection(key, …)` on the server); until that module exists the
 * document shows the placeholder.
 */
export const reportGenerators = [
  'project_facts',
  'funding',
  'goal_attainment',
  'project_budget',
  'activity_post_calculation',
  'project_course',
  'organisation',
  'steering_groups',
  'staffing_plan',
] as const
export type ReportGeneratorKey = (typeof reportGenerators)[number]

export const generatorDescriptions: Record<ReportGeneratorKey, { label: Localized; placeholder: Localized }> =
  {
    project_facts: {
      label: {
        sv: 'Projektfakta: uppdragsgivare, ägare, period, program, projektledare, syfte och målgrupp',
        en: 'Project facts: client, owner, period, programme, leaders, purpose and target group',
      },
      placeholder: {
        sv: 'Fylls i automatiskt med projektets uppgifter.',
        en: 'Filled in automatically from the project.',
      },
    },
    funding: {
      label: { sv: 'Finansiering per finansiär och år', en: 'Funding per funder and year' },
      placeholder: {
        sv: 'Fylls i automatiskt när finansieringsplanen finns i Lägesbild.',
        en: 'Filled in automatically once the funding plan is in Lägesbild.',
      },
    },
    goal_attainment: {
      label: {
        sv: 'Måluppfyllelse: mål och indikatorer med utgångsvärde, målvärde och utfall',
        en: 'Goal attainment: goals and indicators with baseline, target and outcome',
      },
      placeholder: {
        sv: 'Fylls i automatiskt när mål och indikatorer finns i Lägesbild.',
        en: 'Filled in automatically once goals and indicators are in Lägesbild.',
      },
    },
    project_budget: {
      label: {
        sv: 'Projektbudget (Bilaga 1): budget och utfall per finansiär och kostnadsslag, ej förbrukade medel',
        en: 'Project budget (Appendix 1): budget and actuals per funder and cost category, unspent funds',
      },
      placeholder: {
        sv: 'Fylls i automatiskt när budget och utfall finns i Lägesbild.',
        en: 'Filled in automatically once the budget and actual costs are in Lägesbild.',
      },
    },
    activity_post_calculation: {
      label: {
        sv: 'Efterkalkyl: varje aktivitet med kalkyl, utfall, differens och förklaring',
        en: 'Post-calculation: every activity with planned and actual date, deviation and explanation',
      },
      placeholder: {
        sv: 'Fylls i automatiskt när aktivitetsplanen finns i Lägesbild.',
        en: 'Filled in automatically once the activity plan is in Lägesbild.',
      },
    },
    project_course: {
      label: {
        sv: 'Projektförlopp: beslut, planrevisioner och byten av ledare och ägare i tidsordning',
        en: 'Course of the project: decisions, plan revisions and changes of leader and owner in order',
      },
      placeholder: {
        sv: 'Fylls i automatiskt när styrgruppens beslut och planrevisioner finns i Lägesbild.',
        en: 'Filled in automatically once steering-group decisions and plan revisions are in Lägesbild.',
      },
    },
    organisation: {
      label: {
        sv: 'Organisation: ägare, uppdragsgivare, projektledare och medarbetare över tid',
        en: 'Organisation: owner, client, project leaders and members over time',
      },
      placeholder: {
        sv: 'Fylls i automatiskt med projektets organisation.',
        en: 'Filled in automatically from the project organisation.',
      },
    },
    steering_groups: {
      label: {
        sv: 'Styrgrupper och deras ledamöter över tid',
        en: 'Steering groups and their members over time',
      },
      placeholder: {
        sv: 'Fylls i automatiskt när styrgrupperna finns i Lägesbild.',
        en: 'Filled in automatically once the steering groups are in Lägesbild.',
      },
    },
    staffing_plan: {
      label: { sv: 'Bemanningsplan', en: 'Staffing plan' },
      placeholder: {
        sv: 'Fylls i automatiskt när bemanningsplanen finns i Lägesbild.',
        en: 'Filled in automatically once the staffing plan is in Lägesbild.',
      },
    },
  }

export const SECTION_KEY_PATTERN = '^[a-z][a-z0-9_]{0,39}$'

const LocalizedText = (maxLength: number, minLength = 0) =>
  Type.Object(
    { sv: Type.String({ minLength, maxLength }), en: Type.String({ maxLength }) },
    { additionalProperties: false },
  )

export const TemplateSection = Type.Object(
  {
    key: Type.String({
      pattern: SECTION_KEY_PATTERN,
      description: 'Stable key; narrative follows it across versions',
    }),
    heading: LocalizedText(200, 1),
    guidance: LocalizedText(5000),
    kind: Type.Enum(sectionKinds),
    generators: Type.Array(Type.Enum(reportGenerators), { maxItems: 5 }),
  },
  { additionalProperties: false },
)
export type TemplateSection = Static<typeof TemplateSection>

export const templateLimits = { sections: 40 }

export interface TemplateProblem {
  field: string
  code: string
  message: Localized
}

/** The rules a template must keep; the first broken one names the field, e.g. `sections.3.key`. */
export function templateProblems(sections: readonly TemplateSection[]): TemplateProblem | null {
  if (sections.length === 0 || sections.length > templateLimits.sections) {
    return {
      field: 'sections',
      code: 'section_count',
      message: {
        sv: `En mall har mellan 1 och ${templateLimits.sections} avsnitt.`,
        en: `A template has between 1 and ${templateLimits.sections} sections.`,
      },
    }
  }
  const seen = new Set<string>()
  for (const [i, section] of sections.entries()) {
    if (seen.has(section.key)) {
      return {
        field: `sections.${i}.key`,
        code: 'duplicate_key',
        message: { sv: 'Två avsnitt har samma nyckel.', en: 'Two sections have the same key.' },
      }
    }
    seen.add(section.key)
    if (!section.heading.sv.trim()) {
      return {
        field: `sections.${i}.heading.sv`,
        code: 'required',
        message: { sv: 'Avsnittet behöver en rubrik.', en: 'The section needs a heading.' },
      }
    }
    if (section.kind === 'narrative' && section.generators.length > 0) {
      return {
        field: `sections.${i}.generators`,
        code: 'generators_on_narrative',
        message: {
          sv: 'Ett avsnitt med bara fritext hämtar inga uppgifter; välj ”genererat” eller ”båda”.',
          en: 'A narrative-only section draws on no data; choose "generated" or "both".',
        },
      }
    }
    if (section.kind !== 'narrative' && section.generators.length === 0) {
      return {
        field: `sections.${i}.generators`,
        code: 'generators_required',
        message: {
          sv: 'Välj vilka uppgifter avsnittet ska fyllas med.',
          en: 'Choose which data the section is filled with.',
        },
      }
    }
    if (new Set(section.generators).size !== section.generators.length) {
      return {
        field: `sections.${i}.generators`,
        code: 'duplicate_generator',
        message: { sv: 'Samma uppgifter är valda två gånger.', en: 'The same data is chosen twice.' },
      }
    }
  }
  return null
}

export const hasNarrative = (kind: SectionKind) => kind !== 'generated'

/** A section key from a heading, for sections an administrator adds: "Lärdomar och råd" → "lardomar_och_rad". */
export function sectionKeyFrom(heading: string, taken: Iterable<string> = []): string {
  const base =
    heading
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 34) || 'avsnitt'
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n += 1) {
    const candidate = `${base}_${n}`
    if (!used.has(candidate)) return candidate
  }
}

/**
 * The municipal final-report template (Luleå's, from the seed), sections 1–11, with guidance
 * that says plainly what to write: the seed's own complaint was that the headings were unclear.
 * Bump the revision when the text changes; reports keep the revision they were started from.
 */
export const MUNICIPAL_TEMPLATE_REVISION = 1

export const municipalTemplateName: Localized = {
  sv: 'Slutrapport enligt kommunens mall',
  en: "Final report in the municipality's template",
}

export const municipalTemplate: TemplateSection[] = [
  {
    key: 'bakgrund',
    heading: { sv: 'Bakgrund', en: 'Background' },
    guidance: {
      sv: 'Beskriv varför projektet startades: vilket behov eller problem det skulle möta, för vilken målgrupp och vad det skulle leda till. Uppdragsgivare, projektägare, period, program och finansiering fylls i automatiskt ovanför texten, så du behöver inte upprepa dem. Har projektet delprojekt, beskriv kort vad varje del skulle göra. Skriv om målgruppen som grupp, aldrig om enskilda barn eller familjer.',
      en: 'Describe why the project was started: which need or problem it was to meet, for which target group, and what it was meant to achieve. Client, owner, period, programme and funding are filled in automatically above the text, so there is no need to repeat them. If the project has sub-projects, say briefly what each part was to do. Write about the target group as a group, never about individual children or families.',
    },
    kind: 'both',
    generators: ['project_facts', 'funding'],
  },
  {
    key: 'sammanfattning',
    heading: { sv: 'Sammanfattning', en: 'Summary' },
    guidance: {
      sv: 'Skriv en sammanfattning på högst en sida för den som bara hinner läsa detta avsnitt: vad projektet gjorde, hur det gick mot målen, vad som händer nu (permanentas, förs över till linjeorganisationen eller avslutas) och de viktigaste lärdomarna. Skriv den sist, när resten av rapporten är klar.',
      en: 'Write a summary of at most one page for readers who only read this section: what the project did, how it went against its goals, what happens now (made permanent, handed over to the line organisation, or ended) and the main lessons. Write it last, once the rest of the report is done.',
    },
    kind: 'narrative',
    generators: [],
  },
  {
    key: 'maluppfyllelse',
    heading: { sv: 'Måluppfyllelse', en: 'Goal attainment' },
    guidance: {
      sv: 'Tabellen visar projektets mål och indikatorer med utgångsvärde, målvärde och utfall, hämtade från uppföljningen. Kommentera varje mål: nåddes det helt, delvis eller inte alls, och varför? Berätta också om resultat som inte syns i siffrorna, till exempel vad en utvärdering visar. Redovisa antal och andelar, aldrig uppgifter om enskilda personer.',
      en: 'The table shows the goals and indicators with baseline, target and outcome, taken from the follow-up. Comment on each goal: was it reached fully, partly or not at all, and why? Also describe results the figures do not show, such as what an evaluation found. Report counts and shares, never information about individuals.',
    },
    kind: 'both',
    generators: ['goal_attainment'],
  },
  {
    key: 'projektbudget',
    heading: { sv: 'Projektbudget', en: 'Project budget' },
    guidance: {
      sv: 'Sammanställningen (Bilaga 1) visar budget och utfall per finansiär och kostnadsslag, och hur mycket som inte har förbrukats. Förklara de större avvikelserna: varför blev något dyrare eller billigare än planerat, och vad händer med pengar som inte har använts?',
      en: 'The summary (Appendix 1) shows budget and actuals per funder and cost category, and how much was left unspent. Explain the larger deviations: why did something cost more or less than planned, and what happens to money that was not used?',
    },
    kind: 'both',
    generators: ['project_budget'],
  },
  {
    key: 'efterkalkyl',
    heading: { sv: 'Efterkalkyl/aktiviteter', en: 'Post-calculation / activities' },
    guidance: {
      sv: 'Tabellen visar varje aktivitet i aktivitetsplanen med planerat datum (kalkyl), faktiskt datum (utfall) och skillnaden (differens). Aktiviteter som inte har genomförts står som ”Återstår”. Förklara de avvikelser som har påverkat projektet, vad de berodde på och vad ni gjorde åt dem.',
      en: 'The table shows every activity in the activity plan with its planned date, actual date and the difference. Activities not carried out are shown as "Remaining". Explain the deviations that affected the project, what caused them and what you did about them.',
    },
    kind: 'both',
    generators: ['activity_post_calculation'],
  },
  {
    key: 'projektforlopp',
    heading: { sv: 'Projektförlopp', en: 'Course of the project' },
    guidance: {
      sv: 'Tidslinjen visar styrgruppens beslut, planrevisioner och byten av projektledare och projektägare i den ordning de skedde. Beskriv med egna ord hur arbetet faktiskt gick: viktiga händelser och vändpunkter, vad som ändrades jämfört med planen och hur det påverkade projektet.',
      en: 'The timeline shows steering-group decisions, plan revisions and changes of project leader and owner in the order they happened. Describe in your own words how the work actually went: key events and turning points, what changed compared with the plan, and how that affected the project.',
    },
    kind: 'both',
    generators: ['project_course'],
  },
  {
    key: 'metod',
    heading: { sv: 'Metod och arbetssätt', en: 'Method and ways of working' },
    guidance: {
      sv: 'Beskriv hur ni arbetade: vilka metoder, modeller eller förhållningssätt ni använde och varför, hur ni nådde målgruppen och hur samverkan mellan verksamheterna fungerade i vardagen. Beskriv det så att någon annan kan göra om det.',
      en: 'Describe how you worked: which methods, models or approaches you used and why, how you reached the target group, and how the cooperation between the services worked day to day. Describe it so that someone else could do it again.',
    },
    kind: 'narrative',
    generators: [],
  },
  {
    key: 'organisation',
    heading: {
      sv: 'Organisation, roller och ansvarsfördelning',
      en: 'Organisation, roles and responsibilities',
    },
    guidance: {
      sv: 'Projektägare, uppdragsgivare, projektledare och medarbetare över tid fylls i automatiskt, liksom styrgrupper och bemanningsplan när de finns. Beskriv hur organisationen fungerade: var roller och mandat tydliga, hur fungerade styrgruppen och hur påverkade byten av personer arbetet?',
      en: 'Owner, client, project leaders and members over time are filled in automatically, as are steering groups and the staffing plan once they exist. Describe how the organisation worked: were roles and mandates clear, how did the steering group work, and how did changes of people affect the work?',
    },
    kind: 'both',
    generators: ['organisation', 'steering_groups', 'staffing_plan'],
  },
  {
    key: 'projektanalys',
    heading: { sv: 'Projektanalys', en: 'Project analysis' },
    guidance: {
      sv: 'Samla hela analysen här i stället för att sprida den över flera avsnitt. Vad bidrog till att projektet lyckades, vad gjorde det svårare, och vad skulle ni göra annorlunda nästa gång? Ta upp förutsättningar som mandat, ekonomi, lokaler, utrustning och informationsspridning.',
      en: 'Gather the whole analysis here rather than spreading it over several sections. What helped the project succeed, what made it harder, and what would you do differently next time? Cover conditions such as mandate, finances, premises, equipment and how information was spread.',
    },
    kind: 'narrative',
    generators: [],
  },
  {
    key: 'upplevd_kvalitet',
    heading: {
      sv: 'Projektets och ledningens upplevda kvalitet',
      en: 'Quality as experienced by the project and its management',
    },
    guidance: {
      sv: 'Redovisa hur projektledningen, styrgruppen och uppdragsgivaren har upplevt projektet. Dela gärna upp i två delar: ”Fungerade bra – att rekommendera” och ”Fungerade mindre bra – bör förbättras till nästa projekt”. Citat från styrgruppens svar går bra att använda.',
      en: 'Report how the project management, the steering group and the client experienced the project. It helps to use two parts: "Worked well – to recommend" and "Worked less well – to improve next time". Quotations from the steering group\'s answers are fine.',
    },
    kind: 'narrative',
    generators: [],
  },
  {
    key: 'tillagg',
    heading: { sv: 'Tillägg', en: 'Addendum' },
    guidance: {
      sv: 'Svara på finansiärens uppföljningsfrågor: Vad säger utvärderingen – positiva och negativa erfarenheter – och hur tas de tillvara efter projekttiden? Vad har följeforskningen betytt för projektet och dess resultat? Hur säkerställs och implementeras de positiva resultaten? Kommer frågorna först efter att rapporten har godkänts, skriv svaren som ett eget tillägg till den godkända rapporten.',
      en: "Answer the funder's follow-up questions: What does the evaluation show – positive and negative experiences – and how are they used after the project? What did the accompanying research mean for the project and its results? How are the positive results secured and implemented? If the questions come only after the report was approved, write the answers as a separate addendum to the approved report.",
    },
    kind: 'narrative',
    generators: [],
  },
]

/** What an addendum (tillägg) to an approved report consists of: one written section. */
export const addendumSection: TemplateSection = {
  key: 'tillagg',
  heading: { sv: 'Tillägg till slutrapporten', en: 'Addendum to the final report' },
  guidance: {
    sv: 'Skriv det som har tillkommit efter att slutrapporten godkändes, oftast svar på finansiärens uppföljningsfrågor: vad utvärderingen visar, vad följeforskningen har betytt och hur de positiva resultaten säkerställs och implementeras. Ställ gärna frågan som rubrik och svaret under.',
    en: "Write what has been added since the final report was approved, usually answers to the funder's follow-up questions: what the evaluation shows, what the accompanying research meant, and how the positive results are secured and implemented. Putting each question as a heading with the answer below works well.",
  },
  kind: 'narrative',
  generators: [],
}
