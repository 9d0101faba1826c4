import { type EditorDoc, rich } from '@lagesbild/shared/domain/rich-text'
import { startFinalReportInTransaction, submitFinalReportInTransaction } from '../modules/reports/service.ts'
import { ensureBuiltInTemplate } from '../modules/reports/templates.ts'
import type { DemoContext } from './context.ts'
import { SAMVERKAN, TIDIGA } from './foundation.ts'

const { doc, p, h, ul, b, i } = rich

/**
 * "Samverkan i praktiken", Luleå: the final report of 2019-02-20 (seed 000). The project was
 * moved from SOC to BUF and then ended early; its goals went to the line organisation.
 * Staff names are fictional.
 */
const samverkan: Record<string, EditorDoc> = {
  bakgrund: doc(
    p(
      'Projektet ”Samverkan i praktiken” startade under 2017 som ett gemensamt projekt mellan skola och socialförvaltning. Syftet var att främja skolnärvaro och elevernas goda resultat i skolan. Socialförvaltningen var ägare av projektet.',
    ),
    p('Under det första året pågick arbetet med uppstart, aktiviteter och uppföljningar.'),
  ),
  sammanfattning: doc(
    p(
      'Projektet startade 2017 med socialförvaltningen som ägare. Vid uppföljningen av det första året i maj 2018 bedömdes att projektets förankring och mandat behövde stärkas. Styrgruppen LG-SAM soc/buf beslutade därför den 11 juni 2018 att flytta projektet till barn- och utbildningsförvaltningen, med tillhörighet på Centrala Elevhälsan.',
    ),
    p(
      'Den 9 oktober 2018 beslutade förvaltningsledningarna för SOC och BUF, mot bakgrund av det ekonomiska läget, att ',
      b('avsluta projektet i dess nuvarande form'),
      '. Projektets mål och intentioner förs i stället över till den ordinarie organisationen, som ett utvecklingsarbete i samverkan mellan skola och socialförvaltning med utgångspunkt i befintliga strukturer.',
    ),
  ),
  maluppfyllelse: doc(
    p(
      'Projektet avslutades innan dess mål kunde följas upp. Målen – ökad skolnärvaro och goda skolresultat genom tidig samverkan mellan skola och socialtjänst – lever vidare i det utvecklingsarbete som den ordinarie organisationen tar över.',
    ),
  ),
  projektbudget: doc(
    p(
      'Enligt den beslutade modellen för projekt som finansieras med folkhälsomedel skulle BUF och SOC bära en större del av kostnaden under projektets andra år. Båda förvaltningarna stod samtidigt inför kraftiga besparingar 2019, vilket gjorde det svårare att finansiera projektet. Samråd skedde med ekonomerna på BUF, SOC och Centrala Elevhälsan.',
    ),
  ),
  efterkalkyl: doc(
    p(
      'Under senare delen av våren 2018 beslutades att avbryta den pågående rekryteringen av en ny projektmedarbetare tills projektet setts över i sin helhet. Planerade aktiviteter efter hösten 2018 genomfördes inte eftersom projektet avslutades.',
    ),
  ),
  projektforlopp: doc(
    p(
      'Vid uppföljningen och sammanställningen av projektets första år, mellan projektledaren och styrgruppen LG-SAM soc/buf i maj 2018, framkom ett antal problem, och det bedömdes att projektets förankring och mandat behövde förstärkas.',
    ),
    p(
      'Den 11 juni 2018 beslutade styrgruppen att flytta projektet till BUF med ägarskap hos BUF och tillhörighet på Centrala Elevhälsan. Placeringen bedömdes som mer ändamålsenlig, eftersom skolan var arenan för arbetet och samarbetet med övriga professioner på Centrala Elevhälsan skulle underlättas. En ny projektledare utsågs. Den nuvarande medarbetaren skulle föras över till BUF vid höstterminens start.',
    ),
    p(
      'Projektets medarbetare började på Centrala Elevhälsan i augusti 2018 och fortsatte arbetet främst på Hertsöskolan. Från september var medarbetaren borta från arbetet under en längre period. Förhandling om överflyttningen från SOC till BUF skedde i samverkansgruppen den 12 september 2018.',
    ),
    p(
      'Centrala Elevhälsan tog fram en ny projektplan som beskrev hur en omstart skulle se ut och vilka omformuleringar av inriktningen som behövdes. Den presenterades på styrgruppsmötet den 9 oktober 2018, där förvaltningsledningarna beslutade att avsluta projektet i dess nuvarande form och föra över mål och intentioner till den ordinarie organisationen.',
    ),
  ),
  metod: doc(
    p(
      'Arbetet bedrevs i skolans vardag, främst på Hertsöskolan där projektarbetet hade pågått sedan tidigare. Överenskommelser om arbetet gjordes med ansvarig rektor.',
    ),
  ),
  organisation: doc(
    p(
      'Socialförvaltningen ägde projektet fram till den 11 juni 2018. Därefter ägdes det av barn- och utbildningsförvaltningen med tillhörighet på Centrala Elevhälsan, med verksamhetschefen där som ansvarig chef. Styrgrupp var LG-SAM soc/buf, förvaltningsledningarna för SOC och BUF.',
    ),
  ),
  projektanalys: doc(
    p(
      'Projektets förankring och mandat var inte tillräckliga för att bära arbetet, och flytten mellan förvaltningarna tog tid och kraft från genomförandet. Till det kom att finansieringen försvårades när båda förvaltningarna skulle bära en större del av kostnaden samtidigt som de stod inför besparingar.',
    ),
    p(
      'Den slutliga analysen är att ämnet är ',
      i('oerhört angeläget'),
      ', och att framtida samverkan mellan förvaltningarna behöver grundas ordentligt för att nå framgång.',
    ),
  ),
}

/**
 * "Tidiga insatser i samverkan, skola – socialtjänst", Luleå (seed 001), written by the
 * project from its own report, with the answers of the addendum of 2016-09-23 under Tillägg.
 * It stays a draft: the generated Efterkalkyl and Måluppfyllelse fill in from the plan and
 * the indicators, and the demo's project leader submits it.
 */
const tidiga: Record<string, EditorDoc> = {
  bakgrund: doc(
    p(
      'Socialförvaltningen och barn- och utbildningsförvaltningen har utifrån sina båda perspektiv sett att kunskapen om barn och ungas livsförutsättningar behöver stärkas, för att bättre kunna förutse behov av framtida insatser. Fler tidiga, lättillgängliga insatser och ett nytt sätt att tänka kring satsningar behövs för att förhindra att unga hamnar utanför samhället. Ökad samverkan och ett gemensamt ansvar mellan aktörerna är viktiga för att lyckas.',
    ),
    p(
      'Med utgångspunkt i programmet Alla jämlika ansökte socialnämnden tillsammans med barn- och utbildningsnämnden om kommunens särskilda folkhälsomedel till projektet ”Barn som utmanar”. Barn som utmanar har ofta ett svårhanterligt humör som påverkar skolsituationen, familjen och vänskapsrelationerna. Om barnen och deras föräldrar får hjälp innan problemen vuxit sig stora kan framtida bekymmer förhindras.',
    ),
    p('Projektet kom att omfatta två delar:'),
    ul(
      [
        b('Del a) FöräldraSupporten'),
        ' – en lättillgänglig mottagning som ger föräldrar stöd i ett tidigt skede, provar nya metoder och arbetar aktivt med marknadsföring.',
      ],
      [
        b('Del b) Kartläggning/välfärdsanalys'),
        ' – ett underlag för framtida beslut i socioekonomisk anda: en kartläggning av barn och ungas situation och av befintliga insatser, en handlingsplan och en organisation för samverkan kring barn och unga.',
      ],
    ),
    p(
      'Begreppet välfärdsanalys blandas lätt ihop med kommunens välfärdsredovisning, och används därför i rapporten som kartläggning/välfärdsanalys.',
    ),
  ),
  sammanfattning: doc(
    p(
      'Mottagningen FöräldraSupporten öppnade den 22 september 2014, sedan lämpliga lokaler blivit tillgängliga och renoverats. Personalen har arbetat mot och nått de uppställda målen: mottagningen har öppnat, arbetat strategiskt med marknadsföring och nått förväntat antal föräldrar över hela kommunen. Utvärderingen visar att föräldrarna är nöjda med stödet. Socialförvaltningen beslutade våren 2016 att permanenta verksamheten.',
    ),
    p(
      'Kartläggningen/välfärdsanalysen genomfördes av ett förvaltningsövergripande samverkansteam med stöd av en projektledare. Statistiken redovisades för hela kommunen och per område, och en workshop fördjupade kunskapen om stadsdelarna. Teamet identifierade ett antal förbättringsområden. Uppdraget blev början till en organisation för samverkan kring barn och unga.',
    ),
    p(
      'En gemensam erfarenhet är att ett tydligt uppdrag och gemensamma, konkreta mål ökar förutsättningarna att nå resultat – särskilt i projekt som löper över lång tid, där personal och organisation hinner förändras.',
    ),
  ),
  maluppfyllelse: doc(
    h(2, 'FöräldraSupporten'),
    p(
      'Målet var att erbjuda föräldrar till barn som utmanar, 6–13 år, stöd i ett tidigt skede. Ett konkret mål i projektplanen var att mottagningen skulle nå föräldrar till 70 barn under ett år, varav 60 procent skulle vara framgångsrika.',
    ),
    p(
      'Från öppnandet i september 2014 till projekttidens slut i juni 2016 har mottagningen träffat 131 föräldrar eller föräldrapar till 137 barn. Utvärderingen, gjord med stöd av FoUI Norrbotten, visar att:',
    ),
    ul(
      '95 procent har fått stöd i sin föräldraroll,',
      '85 procent har fått ökade kunskaper om hur de kan bemöta sina barn,',
      '80 procent har fått bättre förmåga att hantera konfliktfyllda situationer.',
    ),
    p(
      'Mot bakgrund av mottagningens framgångsrika arbete och tillströmningen av föräldrar beslutade socialförvaltningen våren 2016 att permanenta verksamheten.',
    ),
    h(2, 'Kartläggning/välfärdsanalys'),
    p(
      'Kartläggningen genomfördes i samverkan mellan sex förvaltningar, Vi6-samarbetet. Samverkansteamet bedömde att det saknade mandat att föreslå åtgärder och lyfte i stället fram förbättringsområden: skolnärvaro, stöd i föräldraskapet, barn och ungas psykiska välmående, delaktighet och inflytande, att tidigt identifiera barn som behöver extra stöd, socioekonomiska prioriteringar, nyanlända barn och unga samt variation i fritidsaktiviteter.',
    ),
    p(
      'Kartläggningen har ännu inte lett till socioekonomiska investeringar, men projektets ägare har beslutat om en gemensam föräldrastödsplan, och kommundirektören har beslutat att permanenta en samverkansorganisation.',
    ),
  ),
  projektbudget: doc(
    p(
      'Projektet har inte använt hela projektbudgeten. Det beror delvis på att planerade aktiviteter försenats – tanken var till exempel att hålla fler än en workshop inom kartläggningen – och delvis på att förändringar i projektorganisationen och personalsituationen minskat personalkostnaderna.',
    ),
  ),
  efterkalkyl: doc(
    p(
      'Tidsramarna höll enligt planeringen utom för några aktiviteter. Mottagningens öppnande försenades cirka fyra månader eftersom man fick vänta på tillträde till lokalen. Kartläggningen startade men blev liggande i väntan på en ersättare när projektledaren slutat; därför återstår genomförandeperioden och uppföljningen.',
    ),
  ),
  projektforlopp: doc(
    p(
      'När projektet utvecklades blev det nödvändigt att dela det i två delar, eftersom mottagningen och välfärdsanalysen innebar så olika arbetsuppgifter på olika organisatoriska nivåer.',
    ),
    h(2, 'FöräldraSupporten'),
    p(
      'Mottagningen öppnade den 22 september 2014 och arbetet har förflutit enligt projektplanen. Personalen har anpassat besökstiderna efter föräldrarnas önskemål, informerat på skolor och föreläst om sitt förhållningssätt.',
    ),
    p(
      'I juni 2015 slutade projektledaren, och den medarbetare som arbetat heltid på mottagningen blev projektledare på halvtid. I november 2015 fördelades projektmedlen om: en rektor anställdes på 40 procent för att tillsammans med en enhetschef på Familjestödsektionen ta fram en gemensam plan för föräldrastöd. Personalresursen på mottagningen minskade med hälften, och personalen prioriterade att träffa föräldrar.',
    ),
    h(2, 'Kartläggning/välfärdsanalys'),
    p(
      'Vi6 styrgrupp beslutade att genomföra kartläggningen i samverkan och skapade ett samverkansteam. Teamet startade i april 2014, samlade in statistik under hösten 2014 och hade statistiksammanställningen klar i maj 2015. Projektledaren slutade i juni 2015. En workshop med representanter från alla stadsdelar hölls i oktober 2015, och i februari 2016 fick en processledare i uppdrag att slutföra kartläggningen. Eftersom processledarens anställning tog slut innan arbetet var klart färdigställde en representant i teamet analysen under september 2016.',
    ),
  ),
  metod: doc(
    h(2, 'FöräldraSupporten'),
    p(
      'Föräldrarna vänder sig till FöräldraSupporten på eget initiativ. Ingen registreras och inga journalanteckningar förs. Stödet ges som rådgivande samtal på mottagningen eller per telefon, i grupp eller via webben; de flesta har kontakt tre till sju gånger.',
    ),
    p(
      'Förhållningssättet bygger på Ross W. Greenes tanke att ”barn gör rätt om de kan” och hans problemlösningsmodell CPS (Collaborative Proactive Solutions), och på lågaffektivt bemötande. Två i personalen har utbildats till gruppledare i CONNECT, en föräldrautbildning med anknytningsperspektiv.',
    ),
    h(2, 'Kartläggning/välfärdsanalys'),
    p(
      'Samverkansteamet speglade barn och ungas situation utifrån livsområdena familj, skola och fritid, med barnperspektiv och socioekonomi som utgångspunkter. Underlaget var bland annat LUPP-undersökningen 2014, CAN:s drogvaneundersökning, skolsköterskornas hälsosamtal, välfärdsredovisningen och en aktstudie. Arbetet förankrades fortlöpande i Vi6 styrgrupp.',
    ),
  ),
  organisation: doc(
    p(
      'Uppdragsgivare och projektägare var ledningsgruppen för barn- och utbildningsförvaltningen och socialförvaltningen. De fastställde projektets syfte, mål, inriktning och tidsramar. Projektledaren var underställd uppdragsgivaren och styrgruppen och ansvarade för att projektet genomfördes enligt direktiv, mål, budget och tidsplan.',
    ),
    h(2, 'FöräldraSupporten'),
    p(
      'Mottagningens styrgrupp förändrades två gånger. Samarbetet mellan styrgrupp, projektledare och personal har haft en positiv anda, men bytena av medlemmar i styrgruppen och av projektledare har inneburit att kunskap gått förlorad, vilket lett till att projektet tappat fart.',
    ),
    h(2, 'Kartläggning/välfärdsanalys'),
    p(
      'Förvaltningscheferna utsåg sina representanter i samverkansteamet. Projektledaren rapporterade till Vi6 styrgrupp, som följde och styrde arbetet. En processledare på halvtid anställdes efter cirka åtta månaders uppehåll för att slutföra analysen.',
    ),
  ),
  projektanalys: doc(
    p(
      'Öppenheten för var kommunen befann sig gjorde det möjligt att anpassa projektet efter de verkliga förutsättningarna. Stöd på strategisk nivå från båda förvaltningarna öppnade dörrar när projektet mötte motstånd. Mod, prestigelöshet och kreativitet hos förvaltningscheferna var framgångsfaktorer.',
    ),
    p(
      'Det hade varit bättre om projektledaren varit anställd på central nivå i stället för i en av förvaltningarna. Projektledaren hade inte fullt ansvar för ekonomin, vilket gav långa beslutsvägar.',
    ),
    h(2, 'Utrustning och lokalisering'),
    p(
      'Det är svårt att få lokaler i kommunen. Hade mottagningen kunnat öppna tidigare hade fler föräldrar hunnit nås och underlaget för utvärderingen blivit större. Ett förslag är en gemensam ”bank” där kommunens lediga lokaler beskrivs.',
    ),
    h(2, 'Mallen för projektrapporten'),
    p(
      'Det är bra att det finns en mall för projektrapporten, men den var svår att använda trots instruktionerna under varje rubrik. Analysdelar fanns under flera rubriker och som en egen huvudrubrik. Vi föreslår tydligare rubriker.',
    ),
  ),
  upplevd_kvalitet: doc(
    h(2, 'FöräldraSupporten'),
    p(b('Fungerade bra – att rekommendera:')),
    ul(
      'En tydlig projektbeskrivning från början, med förväntat resultat och hur projektet skulle följas upp och utvärderas.',
      'Projektets vetenskapliga ansats.',
      'Kompetenta projektledare som arbetat systematiskt utifrån projektbeskrivningen.',
      'En känd och tydlig projektorganisation: uppdragsgivare, styrgrupp, projektledare och samverkansteam.',
    ),
    p(b('Fungerade mindre bra – bör förbättras till nästa projekt:')),
    ul(
      'Samordningsbrister när chefer och deltagare i styrgruppen byttes. Projektbeskrivningen bör ha strategier för hur sådant undviks eller pareras.',
    ),
    h(2, 'Kartläggning/välfärdsanalys'),
    p(
      'Styrgruppen uppfattar att FöräldraSupporten har god måluppfyllelse och är en efterfrågad insats. För välfärdsanalysen framgick inte lika tydligt vilka konkreta förändringar man ville se, och därmed inte heller utfallet. För att samarbetet ska utvecklas behövs ett tydligt uppdrag med avgränsningar, mål och indikatorer.',
    ),
  ),
  tillagg: doc(
    p(i('Svar på finansiärens uppföljningsfrågor, 2016-09-23.')),
    h(2, 'Vad säger utvärderingen av FöräldraSupporten, och hur tas erfarenheterna tillvara?'),
    p(
      'Föräldrarna som svarat på enkäten och deltagit i intervjuer är mycket nöjda med kontakten och beskriver nya kunskaper om hur de kan bemöta sina barn och hantera konfliktfyllda situationer. Personalens bemötande, flexibilitet och tydlighet har haft stor betydelse. Några pappor har efterfrågat manlig personal.',
    ),
    p(
      'Informationsspridning är avgörande, eftersom gruppen kan vara svår att nå; skolan har en central roll. FöräldraSupporten har nått föräldrar över hela kommunen, men få föräldrar med utländsk bakgrund och få med egna funktionsnedsättningar – ett förbättringsområde.',
    ),
    h(2, 'Vad har följeforskningen betytt för projektet och dess resultat?'),
    p(
      'Personalen har upplevt följeforskningen som mycket positiv. Den har hjälpt dem att hålla fokus på mål och arbetssätt, och reflekterande frågor och regelbunden återkoppling har gjort dem öppna för justeringar under projektets gång. Följeforskningen har fungerat som en kvalitetssäkring och stött den höga måluppfyllelsen.',
    ),
    h(2, 'Hur säkerställs och implementeras de positiva resultaten?'),
    p(
      'Hösten 2015 väcktes tanken att permanenta verksamheten. Personalen i projektet erbjöds fortsatt anställning, eftersom de bär metoderna och förhållningssättet. De finns nu i den nya FöräldraSupporten, som erbjuder stöd till föräldrar till barn i hela åldersspannet 0–20 år. Föräldrastödsplanen beskriver hur stödet ska nå föräldrar med utländsk bakgrund och föräldrar med egna funktionsnedsättningar, och hur samarbetet mellan socialtjänst och skola fortsätter.',
    ),
  ),
}

async function writeSections(ctx: DemoContext, reportId: string, content: Record<string, EditorDoc>) {
  for (const [key, value] of Object.entries(content)) {
    await ctx.db
      .updateTable('final_report_section')
      .set({ content: JSON.stringify(value) })
      .where('report_id', '=', reportId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow()
  }
}

export async function loadReportsDemo(ctx: DemoContext): Promise<void> {
  await ensureBuiltInTemplate(ctx.db)

  const samverkanId = ctx.project(SAMVERKAN)
  const samverkanReport = await startFinalReportInTransaction(ctx.db, null, samverkanId, {
    reportDate: '2019-02-20',
    authors: 'Maja Öberg, Centrala Elevhälsan',
  })
  await writeSections(ctx, samverkanReport, samverkan)
  await submitFinalReportInTransaction(
    ctx.db,
    null,
    samverkanId,
    samverkanReport,
    1,
    new Date('2019-02-20T10:00:00+01:00'),
  )

  const tidigaId = ctx.project(TIDIGA)
  const tidigaReport = await startFinalReportInTransaction(
    ctx.db,
    ctx.user('projektledare@demo.example'),
    tidigaId,
    {
      reportDate: '2016-09-23',
      authors: 'Elin Nordin, Jonas Berg',
    },
  )
  await writeSections(ctx, tidigaReport, tidiga)
}
