import type { Translations } from '../../lib/i18n'

export const sv = {
  title: 'Mitt konto',
  sessions: {
    title: 'Inloggningar',
    intro:
      'Här är dina öppna sessioner. En session upphör efter en tids inaktivitet och senast vid tiden i kolumnen Upphör senast.',
    caption: 'Dina sessioner',
    started: 'Startad',
    lastSeen: 'Senast aktiv',
    ends: 'Upphör senast',
    method: 'Sätt',
    browser: 'Webbläsare',
    current: 'Den här',
    end: 'Avsluta',
    endLabel: 'Avsluta sessionen som startade {{time}}',
    others: 'Logga ut andra sessioner',
    othersDone_one: '{{count}} annan session är avslutad.',
    othersDone_other: '{{count}} andra sessioner är avslutade.',
    ended: 'Sessionen är avslutad.',
  },
  password: {
    title: 'Byt lösenord',
    current: 'Nuvarande lösenord',
    next: 'Nytt lösenord',
    rules: 'Minst {{count}} tecken, inte din e-postadress och inte ett vanligt lösenord.',
    submit: 'Byt lösenord',
    saving: 'Sparar …',
    done: 'Lösenordet är bytt. Dina andra sessioner är avslutade.',
  },
  extract: {
    title: 'Mina uppgifter',
    intro: 'Se allt Lägesbild har sparat om dig (registerutdrag enligt dataskyddsförordningen).',
    show: 'Visa registerutdrag',
    pageTitle: 'Registerutdrag',
    back: 'Tillbaka till mitt konto',
  },
} as const

export const en: Translations<typeof sv> = {
  title: 'My account',
  sessions: {
    title: 'Logins',
    intro:
      'These are your open sessions. A session ends after a while without activity, and at the latest at the time under Ends at the latest.',
    caption: 'Your sessions',
    started: 'Started',
    lastSeen: 'Last active',
    ends: 'Ends at the latest',
    method: 'Method',
    browser: 'Browser',
    current: 'This one',
    end: 'End',
    endLabel: 'End the session started {{time}}',
    others: 'Log out other sessions',
    othersDone_one: '{{count}} other session has ended.',
    othersDone_other: '{{count}} other sessions have ended.',
    ended: 'The session has ended.',
  },
  password: {
    title: 'Change password',
    current: 'Current password',
    next: 'New password',
    rules: 'At least {{count}} characters, not your e-mail address and not a common password.',
    submit: 'Change password',
    saving: 'Saving …',
    done: 'The password is changed. Your other sessions have ended.',
  },
  extract: {
    title: 'My data',
    intro: 'See everything Lägesbild keeps about you (register extract under the GDPR).',
    show: 'Show register extract',
    pageTitle: 'Register extract',
    back: 'Back to my account',
  },
}
