import { type DatePrecision, preciseDate } from '@lagesbild/shared/domain/date-precision'
import type { ActivityStatus } from '@lagesbild/shared/domain/deviation'
import type { RiskStatus } from '@lagesbild/shared/domain/risk'
import { type ActivityState, columnsOf, emptyState } from '../modules/plans/activities.ts'
import { freezeBaseline } from '../modules/plans/baselines.ts'
import { dateColumns } from '../modules/plans/dates.ts'
import type { DemoContext } from './context.ts'
import { FORALDRASUPPORTEN, KARTLAGGNING, TABB_OREBRO, TIDIGA } from './foundation.ts'

/*
 * The seeds' plans: Tidiga insatser's two sub-projects with the Efterkalkyl's planned and actual
 * dates, and the Örebro TABB pilot's revised plan (2022-02-01) against an original 2019 plan.
 * The original plan is invented but plausible: fewer activities, earlier dates, three sub-goals.
 * Staff names are fictional.
 */

type D = [anchor: string, precision?: DatePrecision, note?: string]
const date = (d: D | undefined) => (d ? preciseDate(d[1] ?? 'day', d[0], d[2] ?? null) : null)

interface ActivitySpec {
  number?: string
  title: string
  responsible?: string
  goal?: number
  plannedStart?: D
  plannedEnd?: D
  actualStart?: D
  actualEnd?: D
  status?: ActivityStatus
  milestone?: boolean
  explanation?: string
}

async function insertGoal(
  ctx: DemoContext,
  projectId: string,
  kind: 'overall' | 'project' | 'sub',
  position: number,
  title: string,
  description = '',
  parentId: string | null = null,
) {
  const id = ctx.newId('goal', `${projectId}/${kind}/${title}`)
  await ctx.db
    .insertInto('goal')
    .values({ id, project_id: projectId, kind, position, title, description, parent_id: parentId })
    .execute()
  return id
}

function stateOf(projectId: string, spec: ActivitySpec, goals: Map<number, string>): ActivityState {
  return {
    ...emptyState(projectId),
    number: spec.number ?? null,
    title: spec.title,
    responsible: spec.responsible ?? '',
    goalId: spec.goal ? (goals.get(spec.goal) ?? null) : null,
    status: spec.status ?? 'planned',
    milestone: spec.milestone ?? false,
    deviationExplanation: spec.explanation ?? '',
    plannedStart: date(spec.plannedStart),
    plannedEnd: date(spec.plannedEnd),
    actualStart: date(spec.actualStart),
    actualEnd: date(spec.actualEnd),
  }
}

async function insertActivities(
  ctx: DemoContext,
  projectId: string,
  specs: ActivitySpec[],
  goals = new Map<number, string>(),
) {
  const ids: string[] = []
  for (const [index, spec] of specs.entries()) {
    const id = ctx.newId('activity', `${projectId}/${spec.number ?? ''}/${spec.title}`)
    await ctx.db
      .insertInto('activity')
      .values({ id, ...columnsOf(stateOf(projectId, spec, goals)), position: index + 1 })
      .execute()
    ids.push(id)
  }
  return ids
}

/** What happened after a plan was frozen: actual dates, statuses, explanations. */
async function record(
  ctx: DemoContext,
  id: string,
  projectId: string,
  spec: ActivitySpec,
  goals: Map<number, string>,
) {
  await ctx.db
    .updateTable('activity')
    .set({ ...columnsOf(stateOf(projectId, spec, goals)), version: 2 })
    .where('id', '=', id)
    .execute()
}

const foraldraSupporten: ActivitySpec[] = [
  {
    title: 'Rekrytering av en heltid samt två deltid föräldrastödjare (annonsering, intervjuer, rekrytering)',
    responsible: 'Projektledare',
    plannedEnd: ['2014-02-28'],
    actualEnd: ['2014-02-28'],
  },
  {
    title: 'Tillträde till lokal samt utrusta lokal',
    responsible: 'Projektledare',
    plannedEnd: ['2014-03-31'],
    actualEnd: ['2014-03-31'],
  },
  {
    title: 'Ta fram underlag till studiecirkel CPS',
    responsible: 'Projektledare',
    plannedEnd: ['2014-04-30'],
    actualEnd: ['2014-04-30'],
  },
  {
    title: 'Tillträde personal/föräldrastödjare',
    responsible: 'Projektledare',
    plannedEnd: ['2014-05-01'],
    actualEnd: ['2014-05-01'],
  },
  {
    title: 'Metodutveckling, bl.a. genomförande studiecirkel CPS',
    responsible: 'Föräldrastödjare och projektledare',
    plannedEnd: ['2014-05-01'],
    actualEnd: ['2014-05-01'],
  },
  {
    title: 'Kommunikationsplan',
    responsible: 'Projektledare',
    plannedEnd: ['2014-06-01'],
    actualEnd: ['2014-06-01'],
  },
  {
    title: 'Öppna mottagningen',
    responsible: 'Projektledare',
    plannedEnd: ['2014-06-01'],
    actualEnd: ['2014-09-22'],
    milestone: true,
    explanation: 'Mottagningens öppnande fördröjdes eftersom man fick invänta tillträde till lokalen.',
  },
  {
    title: 'Utbildning; grund och fördjupning CPS, Ross Greene',
    responsible: 'Föräldrastödjare',
    plannedStart: ['2014-08-12'],
    plannedEnd: ['2014-08-14', 'day', 'I planen: "2014-08-12 & 14", två utbildningsdagar.'],
    actualStart: ['2014-08-12'],
    actualEnd: ['2014-08-14'],
  },
]

const kartlaggning: ActivitySpec[] = [
  {
    title: 'Ledningsgrupp-Vi6 träffas regelbundet fr.o.m.',
    responsible: 'Vi6 styrgrupp',
    plannedStart: ['2014-01-01'],
    actualStart: ['2014-01-01'],
  },
  {
    title: 'Samverkansteam utses av förvaltningscheferna',
    responsible: 'Vi6 styrgrupp',
    plannedEnd: ['2014-04-01'],
    actualEnd: ['2014-04-01'],
  },
  {
    title: 'Samverkansteamet sammankallas',
    responsible: 'Projektledare',
    plannedEnd: [
      '2014-04-30',
      'day',
      'I planen: 2014-04-31, ett datum som inte finns; tolkat som 2014-04-30.',
    ],
    actualEnd: ['2014-04-30'],
  },
  {
    title:
      'Djupare kartläggning, analys av målgrupp – kartläggning/välfärdsanalys genomförs av samverkansteamet och resultat förankras i ledningsgrupp',
    responsible: 'Samverkansteam',
    plannedEnd: ['2014-08-31'],
    actualEnd: ['2016-01-01', 'term'],
    explanation:
      'Arbetet startade men blev liggande en tid i väntan på en ersättare sedan projektledaren slutat. En processledare anställdes i februari 2016.',
  },
  {
    title:
      'Kartläggning av befintligt stöd och analys av vidare utveckling eller nya verksamheter. Strategi/handlingsplan: förslag tas fram av samverkansteam och fastslås av ledningsgrupp och nämnder',
    responsible: 'Samverkansteam och Vi6 styrgrupp',
    plannedEnd: ['2014-12-31'],
    actualEnd: ['2014-12-31'],
  },
  {
    title: 'Genomförandeperiod (sker i förvaltningarnas verksamheter eller via samverkansprojekt)',
    responsible: 'Förvaltningarna',
    plannedStart: ['2015-01-01'],
    plannedEnd: ['2016-06-01'],
    status: 'remaining',
    explanation: 'Återstår eftersom arbetet med välfärdsanalysen blev försenat.',
  },
  {
    title:
      'Uppföljning genomförs av samverkansteam och presenteras för ledningsgrupp som därefter kan komma med nya uppdrag',
    responsible: 'Samverkansteam',
    plannedEnd: ['2016-08-31'],
    status: 'remaining',
    explanation: 'Återstår eftersom arbetet med välfärdsanalysen blev försenat.',
  },
]

async function loadTidiga(ctx: DemoContext) {
  const tidiga = ctx.project(TIDIGA)
  const fs = ctx.project(FORALDRASUPPORTEN)
  const vi6 = ctx.project(KARTLAGGNING)
  await insertGoal(
    ctx,
    tidiga,
    'overall',
    1,
    'Fler tidiga, lättillgängliga insatser och ökad samverkan mellan skola och socialtjänst, så att unga inte hamnar utanför samhället.',
  )
  await insertGoal(
    ctx,
    fs,
    'overall',
    1,
    'Föräldrar till barn som utmanar, 6–13 år, får stöd i ett tidigt skede innan problemen växer sig stora.',
  )
  await insertGoal(
    ctx,
    fs,
    'project',
    1,
    'Mottagningen når föräldrar till 70 barn under ett år, varav 60 procent är framgångsrika.',
    'Mätbart mål ur projektplanen; indikatorn följs upp under Mål och indikatorer.',
  )
  await insertGoal(
    ctx,
    vi6,
    'project',
    1,
    'Ett underlag för framtida beslut i socioekonomisk anda om tidiga insatser till barn och unga, och en organisation för samverkan mellan förvaltningarna.',
  )
  // Frozen as planned (Kalkyl), then what happened (Utfall) is recorded on the live plan.
  const plannedOnly = (s: ActivitySpec): ActivitySpec => ({
    title: s.title,
    responsible: s.responsible,
    plannedStart: s.plannedStart,
    plannedEnd: s.plannedEnd,
    milestone: s.milestone,
  })
  const fsIds = await insertActivities(ctx, fs, foraldraSupporten.map(plannedOnly))
  const vi6Ids = await insertActivities(ctx, vi6, kartlaggning.map(plannedOnly))
  await freezeBaseline(ctx.db, {
    projectId: tidiga,
    label: 'Projektplan',
    revisionDate: '2013-11-15',
    actorId: null,
    kind: 'approved_revision',
  })
  const done = (s: ActivitySpec): ActivitySpec => ({ status: 'done', ...s })
  for (const [i, id] of fsIds.entries()) await record(ctx, id, fs, done(foraldraSupporten[i]!), new Map())
  for (const [i, id] of vi6Ids.entries()) await record(ctx, id, vi6, done(kartlaggning[i]!), new Map())
}

const tabbOriginal: ActivitySpec[] = [
  {
    number: '1.1',
    goal: 1,
    title: 'Skapa samsyn i arbetsgruppen kring begrepp genom diskussioner på arbetsmöten.',
    responsible: 'Arbetsgrupp',
    plannedStart: ['2019-09-01'],
    plannedEnd: ['2019-12-20'],
  },
  {
    number: '1.2',
    goal: 1,
    title: 'Ta del av information från Kronoberg om sekretessarbete.',
    responsible: 'Huvudprojekt',
    plannedEnd: ['2020-03-31'],
  },
  {
    number: '1.3',
    goal: 1,
    title: 'Fortbilda om varandras arbetsplats, funktion och uppdrag i arbetsgruppen.',
    responsible: 'Arbetsgrupp',
    plannedStart: ['2019-10-01'],
    plannedEnd: ['2020-06-30'],
  },
  {
    number: '1.4',
    goal: 1,
    title: 'Informera personal på Västra Engelbrektsskolan om myndighetsverksamhetens uppdrag.',
    responsible: 'Socialtjänstens myndighetsavd',
    plannedEnd: ['2020-02-28'],
  },
  {
    number: '2.1',
    goal: 2,
    title: 'Skapa en arbetsgrupp och planera för regelbundna träffar.',
    responsible: 'Projektledare',
    plannedStart: ['2019-08-15'],
    plannedEnd: ['2019-09-30'],
    milestone: true,
  },
  {
    number: '2.2',
    goal: 2,
    title: 'Delta i regelbundna arbetsmöten för att undersöka hur olika verktyg kan användas i projektet.',
    responsible: 'Arbetsgrupp',
    plannedStart: ['2019-09-01'],
    plannedEnd: ['2020-12-31'],
  },
  {
    number: '2.3',
    goal: 2,
    title:
      'Införa ett verktyg baserat på Skottlandsmodellen som kan användas inom skola, socialtjänst samt hälso- och sjukvård.',
    responsible: 'Arbetsgrupp',
    plannedEnd: ['2020-06-30'],
    milestone: true,
  },
  {
    number: '2.4',
    goal: 2,
    title: 'Erbjuda ABC-utbildning till vårdnadshavare på Västra Engelbrektsskolan F-3.',
    responsible: 'Förebyggande-enheten och familjestödjare',
    plannedStart: ['2020-03-01'],
    plannedEnd: ['2020-05-31'],
  },
  {
    number: '2.5',
    goal: 2,
    title: 'Kontakta SAMBA för att dra lärdom av det arbete som redan gjorts med samverkan.',
    responsible: 'Projektledare',
    plannedEnd: ['2019-11-30'],
  },
  {
    number: '3.1',
    goal: 3,
    title: 'Informera arbetskamrater om projektet. Bakgrund och mål.',
    responsible: 'Arbetsgrupp',
    plannedEnd: ['2019-10-31'],
  },
  {
    number: '3.2',
    goal: 3,
    title: 'Informera enhetschefer, verksamhetschefer och ledningsgrupper.',
    responsible: 'Projektledare',
    plannedEnd: ['2019-12-31'],
  },
  {
    number: '3.3',
    goal: 3,
    title: 'Informera politiker.',
    responsible: 'Projektledare',
    plannedEnd: ['2020-04-30'],
  },
  { title: 'Skriva rapport', responsible: 'Projektledare', plannedEnd: ['2021-06-30', 'term'] },
]

type Revised = ActivitySpec & { from?: string }

/** The revised plan's activity list; `from` names the original activity it continues. */
const tabbRevised: Revised[] = [
  {
    from: '1.1',
    number: '1.1',
    goal: 1,
    title: 'Skapa samsyn i arbetsgruppen kring begrepp genom diskussioner på arbetsmöten.',
    responsible: 'Arbetsgrupp',
    plannedStart: ['2022-01-01', 'term'],
    plannedEnd: ['2022-07-01', 'term'],
  },
  {
    from: '1.2',
    number: '1.2',
    goal: 1,
    title: 'Ta del av information från Kronoberg om sekretessarbete.',
    responsible: 'Huvudprojekt',
    plannedEnd: ['2022-03-31'],
  },
  {
    number: '1.3',
    goal: 1,
    title:
      'Kommande: Planera föreläsning om hur lagstiftningen ser ut och vilka möjligheter och begränsningar som finns. I samband med det diskussion hur vi kan förhålla oss till lagstiftningen. Hur vi kan ta oss förbi juridiska hinder när det finns behov av det.',
    responsible: 'Projektledare och huvudprojekt',
    plannedEnd: ['2022-07-01', 'term'],
  },
  {
    number: '1.4',
    goal: 1,
    title: 'Kommande: Träffar med SAMBA för att dra lärdom av hur samtycket kan användas.',
    responsible: 'Projektledare',
    plannedEnd: ['2022-06-30'],
  },
  {
    from: '2.1',
    number: '2.1',
    goal: 2,
    title: 'Skapa en arbetsgrupp och planera för regelbundna träffar.',
    responsible: 'Projektledare',
    plannedStart: ['2019-08-15'],
    plannedEnd: ['2019-09-30'],
    milestone: true,
  },
  {
    from: '1.3',
    number: '2.2',
    goal: 2,
    title: 'Fortbilda om varandras arbetsplats, funktion och uppdrag i arbetsgruppen.',
    responsible: 'Arbetsgrupp',
    plannedStart: ['2019-10-01'],
    plannedEnd: ['2022-06-30'],
  },
  {
    number: '2.3',
    goal: 2,
    title:
      'Kommande: Föra ut information om varandras arbetsplatser, uppdrag och funktion till våra verksamheter så att alla får tillgång till den. Med personalomsättningen som är på våra arbetsplatser behöver det göras regelbundet.',
    responsible: 'Arbetsgrupp',
    plannedStart: ['2022-07-01', 'term'],
    plannedEnd: ['2023-01-01', 'term'],
  },
  {
    from: '1.4',
    number: '2.4',
    goal: 2,
    title: 'Informera personal på Västra Engelbrektskolan om myndighetsverksamhetens uppdrag.',
    responsible: 'Socialtjänstens myndighetsavd',
    plannedEnd: ['2022-04-30'],
  },
  {
    from: '2.4',
    number: '2.5',
    goal: 2,
    title:
      'Erbjuder ABC-utbildning (fysiskt och digitalt) till vårdnadshavare på Västra Engelbrektskolan F-3',
    responsible: 'Förebyggande-enheten och familjestödjare',
    plannedStart: ['2022-03-01'],
    plannedEnd: ['2022-05-31'],
  },
  {
    number: '2.6',
    goal: 2,
    title: 'Erbjuder tematräffar till vårdnadshavare på Västra Engelbrektskolan F-3',
    responsible: 'Förebyggande-enheten och familjestödjare',
    plannedStart: ['2022-07-01', 'term'],
    plannedEnd: ['2023-01-01', 'term'],
  },
  {
    number: '2.7',
    goal: 2,
    title: 'Fortbilda om barnkonventionen.',
    responsible: 'Huvudprojekt',
    plannedEnd: ['2022-05-01', 'month'],
  },
  {
    number: '2.8',
    goal: 2,
    title: 'Kommande: Erbjuda fortbildning om funktionsnedsättningar.',
    responsible: 'Huvudprojekt',
    plannedEnd: ['2022-11-01', 'month'],
  },
  {
    number: '2.9',
    goal: 2,
    title: 'Delta i träffar för att utbyta erfarenheter inom huvudprojektet.',
    responsible: 'Projektledare',
    plannedStart: ['2022-01-01'],
    plannedEnd: ['2023-06-30'],
  },
  {
    number: '2.10',
    goal: 2,
    title:
      'Sprida information om och arbetssätt från arbetsgruppen till Västra Engelbrektsskolans elevhälsoteam och personal.',
    responsible: 'Familjestödjare och rektor',
    plannedStart: ['2022-01-01', 'term'],
    plannedEnd: ['2023-01-01', 'term'],
  },
  {
    number: '2.11',
    goal: 2,
    title:
      'Kommande Workshop-förslag: Skapa en struktur som underlättar tjänstemannamöten men samtidigt inte får hindra familjen från att känna sig delaktig.',
    responsible: 'HAB och projektledare',
    plannedEnd: ['2022-10-31'],
  },
  {
    from: '2.2',
    number: '3.1',
    goal: 3,
    title:
      'Delta i regelbundna arbetsmöten för att undersöka hur olika verktyg som kan användas i projektet.',
    responsible: 'Arbetsgrupp',
    plannedStart: ['2019-09-01'],
    plannedEnd: ['2022-06-30'],
  },
  {
    number: '3.2',
    goal: 3,
    title:
      'Delta i regelbundna möten för att arbeta vidare med hur verktyg och modeller som tas fram av arbetsgruppen fungerar i praktiken.',
    responsible: 'Arbetsgrupp',
    plannedStart: ['2022-07-01', 'term'],
    plannedEnd: ['2023-01-01', 'term'],
  },
  {
    from: '2.3',
    number: '3.3',
    goal: 3,
    title:
      'Införa ett verktyg baserat på Skottlandsmodellen som kan användas inom skola, socialtjänst samt hälso- och sjukvård för att främja ett helhetsperspektiv i arbetet kring barn.',
    responsible: 'Arbetsgrupp',
    plannedEnd: ['2022-12-31'],
    milestone: true,
  },
  {
    number: '3.4',
    goal: 3,
    title: 'Utveckla ett verktyg för hänvisning.',
    responsible: 'Familjestödjare och arbetsgrupp',
    plannedEnd: ['2022-12-31'],
  },
  {
    from: '2.5',
    number: '3.5',
    goal: 3,
    title: 'Kontakta SAMBA för att dra lärdom av det arbete som redan gjorts med samverkan.',
    responsible: 'Projektledare',
    plannedEnd: ['2022-03-31'],
  },
  {
    number: '3.6',
    goal: 3,
    title: 'Kontakta andra regioner för att dra lärdom av det arbete som redan gjorts med samverkan.',
    responsible: 'Projektledare',
    plannedEnd: ['2022-09-30'],
  },
  {
    number: '3.7',
    goal: 3,
    title: 'Ta fram en beskrivning av vilka strukturer som idag är hindrande och stödjande för samverkan.',
    responsible: 'Projektledare',
    plannedEnd: ['2022-11-30'],
    milestone: true,
  },
  {
    number: '3.8',
    goal: 3,
    title:
      'Arbetsgruppen avsätter tid för att tillsammans med skolans elevhälsoteam verka som ett konsultationsteam då fiktiva fall diskuteras.',
    responsible: 'Arbetsgrupp',
    plannedStart: ['2022-07-01', 'term'],
    plannedEnd: ['2023-01-01', 'term'],
  },
  {
    from: '3.1',
    number: '4.1',
    goal: 4,
    title: 'Informera arbetskamrater om projektet. Bakgrund och mål.',
    responsible: 'Arbetsgrupp',
    plannedEnd: ['2022-03-31'],
  },
  {
    from: '3.2',
    number: '4.2',
    goal: 4,
    title: 'Informera enhetschefer, verksamhetschefer och ledningsgrupper.',
    responsible: 'Projektledare',
    plannedEnd: ['2022-05-31'],
  },
  {
    from: '3.3',
    number: '4.3',
    goal: 4,
    title: 'Informera politiker.',
    responsible: 'Projektledare',
    plannedEnd: ['2022-10-31'],
  },
  {
    number: '4.4',
    goal: 4,
    title: 'Ta fram en kommunikationsplan.',
    responsible: 'Projektledare',
    plannedEnd: ['2022-04-30'],
    milestone: true,
  },
  {
    number: '4.5',
    goal: 4,
    title:
      'Se över möjlighet att skapa en ny styrgrupp som tillsammans med projektledaren följer och leder arbetet.',
    responsible: 'Projektledare',
    plannedEnd: ['2022-01-01', 'term'],
  },
  {
    number: '4.6',
    goal: 4,
    title: 'Dialog om läget med Styrgrupp för samverkan på Örebro kommun.',
    responsible: 'Projektledare',
    plannedStart: ['2022-01-01'],
    plannedEnd: ['2023-06-30'],
  },
  {
    number: '4.7',
    goal: 4,
    title: 'Arbeta med att göra projektet känt i alla led.',
    responsible: 'Projektledare',
    plannedStart: ['2022-01-01'],
    plannedEnd: ['2023-06-30'],
  },
  {
    number: '4.8',
    goal: 4,
    title: 'Genomföra avstämningssamtal med närmaste chef.',
    responsible: 'Arbetsgrupp',
    plannedEnd: ['2022-01-01', 'term'],
  },
  {
    from: 'Skriva rapport',
    title: 'Skriva rapport',
    responsible: 'Projektledare',
    plannedEnd: ['2023-07-01', 'term'],
  },
]

/** Progress recorded on the live plan after the revision. */
const tabbProgress: Record<string, Partial<ActivitySpec>> = {
  '1.1': { status: 'done', actualEnd: ['2022-07-01', 'term'] },
  '1.2': { status: 'done', actualEnd: ['2022-03-24'] },
  '1.3': {
    status: 'done',
    actualEnd: ['2022-11-17'],
    explanation: 'Föreläsningen flyttades till hösten då föreläsaren inte kunde under våren.',
  },
  '1.4': {
    status: 'done',
    actualEnd: ['2022-09-15'],
    explanation: 'Träffarna med SAMBA sköts upp till efter sommaren.',
  },
  '2.1': { status: 'done', actualStart: ['2019-08-15'], actualEnd: ['2019-10-15'] },
  '2.2': { status: 'done', actualEnd: ['2022-06-30'] },
  '2.3': { status: 'in_progress' },
  '2.4': { status: 'done', actualEnd: ['2022-04-28'] },
  '2.5': { status: 'done', actualEnd: ['2022-05-31'] },
  '2.6': { status: 'in_progress' },
  '2.7': { status: 'done', actualEnd: ['2022-05-01', 'month'] },
  '2.8': { status: 'upcoming' },
  '2.9': { status: 'in_progress' },
  '2.10': { status: 'in_progress' },
  '2.11': { status: 'upcoming' },
  '3.1': { status: 'done', actualEnd: ['2022-06-30'] },
  '3.2': { status: 'in_progress' },
  '3.3': {
    status: 'in_progress',
    explanation: 'Verktyget prövas i arbetsgruppen; införandet väntar på beslut i styrgruppen.',
  },
  '3.4': { status: 'planned' },
  '3.5': { status: 'done', actualEnd: ['2022-03-10'] },
  '3.6': { status: 'cancelled', explanation: 'Ersätts av erfarenhetsutbytet inom huvudprojektet (2.9).' },
  '3.7': { status: 'planned' },
  '3.8': { status: 'upcoming' },
  '4.1': { status: 'done', actualEnd: ['2022-03-31'] },
  '4.2': { status: 'done', actualEnd: ['2022-06-14'] },
  '4.3': { status: 'planned' },
  '4.4': { status: 'done', actualEnd: ['2022-05-20'] },
  '4.5': { status: 'done', actualEnd: ['2022-06-01', 'month'] },
  '4.6': { status: 'in_progress' },
  '4.7': { status: 'in_progress' },
  '4.8': { status: 'done', actualEnd: ['2022-06-01', 'month'] },
  'Skriva rapport': { status: 'planned' },
}

async function loadTabbGoals(ctx: DemoContext, projectId: string, revised: boolean) {
  const goals = new Map<number, string>()
  if (!revised) {
    const project = await insertGoal(
      ctx,
      projectId,
      'project',
      1,
      'Utveckla samverkan mellan skola, socialtjänst och hälso- och sjukvård kring barn i förskoleklass till årskurs 3.',
    )
    const subs = [
      'Gemensam kunskap om varandras uppdrag och lagstiftning.',
      'Fungerande arbetsgrupp och verktyg för samverkan.',
      'Projektet är känt i de deltagande verksamheterna.',
    ]
    for (const [i, title] of subs.entries())
      goals.set(i + 1, await insertGoal(ctx, projectId, 'sub', i + 1, title, '', project))
    return goals
  }
  await ctx.db.deleteFrom('goal').where('project_id', '=', projectId).where('kind', '=', 'sub').execute()
  await ctx.db
    .updateTable('goal')
    .set({
      title: 'Förbättrade samverkansformer utifrån barns och ungas behov och förutsättningar.',
      version: 2,
    })
    .where('project_id', '=', projectId)
    .where('kind', '=', 'project')
    .execute()
  const project = await ctx.db
    .selectFrom('goal')
    .where('project_id', '=', projectId)
    .where('kind', '=', 'project')
    .select('id')
    .executeTakeFirstOrThrow()
  const overall = [
    'Barn och vårdnadshavare får stöd tidigt.',
    'Det skapas bättre förutsättningar att nå målen i skolan.',
    'Barn får ett ökat välmående.',
    'Barn utvecklar goda levnadsvillkor.',
  ]
  for (const [i, title] of overall.entries()) await insertGoal(ctx, projectId, 'overall', i + 1, title)
  const subs: [string, string][] = [
    [
      'Ökad förståelse för rådande lagstiftning.',
      'Skapa samsyn kring begrepp och hur vi tar oss förbi juridiska hinder när samverkan kräver det, genom diskussioner i arbetsgruppen. Öka kunskap om och förståelse för rådande lagstiftning genom fortbildning.',
    ],
    [
      'Ökad kompetens i praktisk samverkan.',
      'Genomföra fortbildning om varandras arbetsplats, funktion och uppdrag i arbetsgruppen. Sprida kunskap vidare till respektive arbetsplats. Genomföra nödvändiga utbildningsinsatser för arbetsgruppen, på respektive arbetsplats samt för vårdnadshavare.',
    ],
    [
      'Förbättrade strukturer för samverkan.',
      'Genom regelbundna träffar med arbetsgruppen identifieras vilka strukturer som är hindrande och stödjande för samverkan. Genom workshops undersöks hur verktyg och modeller som tas fram av arbetsgruppen fungerar i praktiken. Kontakt och samarbete med verksamheter/projekt som har erfarenheter av samverkansarbete.',
    ],
    [
      'Förankring på ledningsnivå.',
      'Arbeta med att göra pilotprojektet känt i alla led genom chefsamtal, besök i ledningsgrupper och hos politiker samt aktivt arbete med styrgruppen.',
    ],
  ]
  for (const [i, [title, description]] of subs.entries()) {
    goals.set(i + 1, await insertGoal(ctx, `${projectId}`, 'sub', i + 1, title, description, project.id))
  }
  return goals
}

const ht19: D = ['2019-07-01', 'term']

const staffing: [
  name: string,
  role: string,
  organisation: string | null,
  start: D | null,
  end: D | null,
  oral: boolean,
][] = [
  [
    'Kristina Stenlund',
    'Projektledare',
    'Förvaltningen förskola och skola',
    ht19,
    ['2021-06-01', 'month'],
    true,
  ],
  ['Anneli Wester', 'Projektledare', 'Förvaltningen förskola och skola', ['2021-08-01', 'month'], null, true],
  ['Helena Borg, rektor', 'Projektmedarbetare', 'Västra Engelbrektsskolan', ht19, null, true],
  ['Nadia Karlsson, familjestödjare', 'Projektmedarbetare', 'Västra Engelbrektsskolan', ht19, null, true],
  [
    'Johan Ek, socialtjänsten myndighet',
    'Projektmedarbetare',
    'Myndighetsenheten',
    ht19,
    ['2022-01-01', 'month'],
    true,
  ],
  ['Lina Persson, socialtjänsten myndighet', 'Projektmedarbetare', 'Myndighetsenheten', ht19, null, true],
  [
    'Maria Sandberg, socialtjänsten förebyggande',
    'Projektmedarbetare',
    'Förebyggande enheten',
    ht19,
    null,
    true,
  ],
  [
    'Eva Lindqvist, socialtjänsten förebyggande',
    'Projektmedarbetare',
    'Förebyggande enheten',
    ht19,
    null,
    true,
  ],
  [
    'Sofia Nyström, Barn- och ungdomspsykiatri',
    'Projektmedarbetare',
    'Barn- och ungdomspsykiatrin',
    ht19,
    ['2021-12-31'],
    true,
  ],
  ['Vakant BUP', 'Projektmedarbetare', 'Barn- och ungdomspsykiatrin', ['2022-01-01'], null, false],
  [
    'Anna Wallin, Barn- och ungdomshabiliteringen',
    'Projektmedarbetare',
    'Barn- och ungdomshabiliteringen',
    ht19,
    null,
    true,
  ],
]

const risks: [
  description: string,
  p: number,
  c: number,
  mitigation: string,
  owner: string,
  status: RiskStatus,
][] = [
  [
    'Förändrade förutsättningar till följd av pandemi med distansering och kontaktförbud.',
    3,
    3,
    'Digitala träffar i arbetsgruppen; nära dialog i arbetsgrupp och styrgrupp.',
    'Projektledare',
    'occurred',
  ],
  [
    'Omorganisation och personalomsättning.',
    3,
    3,
    'Tydlig förankring i hela styrkedjan; regelbunden information om varandras uppdrag (aktivitet 2.3).',
    'Styrgrupp',
    'open',
  ],
  [
    'Ointresse av att delta i projektet.',
    2,
    3,
    'Förankring på ledningsnivå (delmål 4) och avstämningssamtal med närmaste chef (4.8).',
    'Projektledare',
    'open',
  ],
  [
    'Förändrade arbetsförutsättningar och tidsbrist.',
    3,
    2,
    'Systematisk uppföljning och nära dialog i arbetsgrupp och styrgrupp; avsatt tid för arbetsmöten.',
    'Projektägare',
    'mitigating',
  ],
]

async function loadTabb(ctx: DemoContext) {
  const projectId = ctx.project(TABB_OREBRO)
  const originalGoals = await loadTabbGoals(ctx, projectId, false)
  const originalIds = await insertActivities(ctx, projectId, tabbOriginal, originalGoals)
  const byOriginal = new Map(tabbOriginal.map((a, i) => [a.number ?? a.title, originalIds[i]!]))
  await freezeBaseline(ctx.db, {
    projectId,
    label: 'Projektplan',
    revisionDate: '2019-06-10',
    actorId: null,
    kind: 'approved_revision',
  })

  // Autumn 2021: new project leader, new goals, the activity list reworked (rev. 2022-02-01).
  await ctx.db
    .updateTable('activity')
    .set({ goal_id: null, number: null })
    .where('project_id', '=', projectId)
    .execute()
  const goals = await loadTabbGoals(ctx, projectId, true)
  const kept = new Set<string>()
  const revisedIds = new Map<string, string>()
  for (const [index, spec] of tabbRevised.entries()) {
    const carried = spec.from ? byOriginal.get(spec.from) : undefined
    const key = spec.number ?? spec.title
    if (carried) {
      kept.add(carried)
      await record(ctx, carried, projectId, spec, goals)
      await ctx.db
        .updateTable('activity')
        .set({ position: index + 1 })
        .where('id', '=', carried)
        .execute()
      revisedIds.set(key, carried)
    } else {
      const [id] = await insertActivities(ctx, projectId, [spec], goals)
      await ctx.db
        .updateTable('activity')
        .set({ position: index + 1 })
        .where('id', '=', id!)
        .execute()
      revisedIds.set(key, id!)
    }
  }
  const dropped = originalIds.filter((id) => !kept.has(id))
  if (dropped.length > 0) await ctx.db.deleteFrom('activity').where('id', 'in', dropped).execute()
  await freezeBaseline(ctx.db, {
    projectId,
    label: 'Rev. projektplan',
    revisionDate: '2022-02-01',
    actorId: null,
    kind: 'approved_revision',
  })

  for (const spec of tabbRevised) {
    const key = spec.number ?? spec.title
    const id = revisedIds.get(key)
    const progress = tabbProgress[key]
    if (id && progress) await record(ctx, id, projectId, { ...spec, ...progress }, goals)
  }

  for (const [index, [name, role, organisation, start, end, oral]] of staffing.entries()) {
    const person = name === 'Kristina Stenlund' || name === 'Anneli Wester' ? ctx.person(name) : null
    await ctx.db
      .insertInto('staffing')
      .values({
        id: ctx.newId('staffing', `${projectId}/${name}`),
        project_id: projectId,
        position: index + 1,
        name,
        person_id: person,
        role,
        organisation_id: organisation ? ctx.organisation(organisation) : null,
        time_share_percent: null,
        agreement: oral ? 'oral' : null,
        comment: name === 'Vakant BUP' ? 'Ersätter företrädaren från BUP från 2022-01-01.' : '',
        ...dateColumns('period_start', date(start ?? undefined)),
        ...dateColumns('period_end', date(end ?? undefined)),
      })
      .execute()
  }

  for (const [index, [description, probability, consequence, mitigation, owner, status]] of risks.entries()) {
    await ctx.db
      .insertInto('risk')
      .values({
        id: ctx.newId('risk', `${projectId}/${index}`),
        project_id: projectId,
        position: index + 1,
        description,
        probability,
        consequence,
        mitigation,
        owner,
        status,
      })
      .execute()
  }
}

export async function loadPlansDemo(ctx: DemoContext): Promise<void> {
  await loadTidiga(ctx)
  await loadTabb(ctx)
}
