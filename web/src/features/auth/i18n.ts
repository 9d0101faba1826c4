import type { Translations } from '../../lib/i18n'

export const sv = {
  login: {
    title: 'Logga in',
    intro: 'Projektportfölj och uppföljning av folkhälsoprojekt.',
    email: 'E-postadress',
    password: 'Lösenord',
    submit: 'Logga in',
    submitting: 'Loggar in …',
    missingEmail: 'Skriv din e-postadress.',
    missingPassword: 'Skriv ditt lösenord.',
  },
  demo: {
    title: 'Demokonton',
    intro: 'Lägesbild levereras med demodata. Välj ett konto nedan för att fylla i inloggningen.',
    password: 'Lösenord för alla konton:',
    use: 'Fyll i',
    accounts: {
      admin: 'Administratör för Luleå kommun',
      portfolio: 'Portföljansvarig (folkhälsostrateg)',
      finance: 'Ekonom',
      leader: 'Projektledare',
      steering: 'Ledamot i styrgrupp',
      viewer: 'Läsbehörig (nämnd)',
    },
  },
} as const

export const en: Translations<typeof sv> = {
  login: {
    title: 'Log in',
    intro: 'Project portfolio and follow-up of public-health projects.',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in …',
    missingEmail: 'Enter your e-mail address.',
    missingPassword: 'Enter your password.',
  },
  demo: {
    title: 'Demo accounts',
    intro: 'Lägesbild ships with demo data. Pick an account below to fill in the login form.',
    password: 'Password for every account:',
    use: 'Fill in',
    accounts: {
      admin: 'Administrator for Luleå municipality',
      portfolio: 'Portfolio manager (public-health strategist)',
      finance: 'Finance officer',
      leader: 'Project leader',
      steering: 'Steering group member',
      viewer: 'Read-only (committee)',
    },
  },
}
