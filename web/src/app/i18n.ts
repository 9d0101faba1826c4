import type { Translations } from '../lib/i18n'

export const sv = {
  skipLink: 'Hoppa till innehållet',
  nav: {
    label: 'Huvudmeny',
    home: 'Start',
    projects: 'Projekt',
    portfolio: 'Portfölj',
    programmes: 'Program',
    finance: 'Ekonomi',
    organisations: 'Organisationer',
    admin: 'Administration',
    people: 'Personer',
    reportTemplates: 'Rapportmallar',
  },
  userMenu: {
    account: 'Mitt konto',
    button: 'användarmeny',
    signedInAs: 'Inloggad som',
    logout: 'Logga ut',
    loggingOut: 'Loggar ut …',
  },
  notFound: {
    title: 'Sidan finns inte',
    body: 'Sidan du söker finns inte, eller så har du inte behörighet att se den.',
    home: 'Gå till startsidan',
  },
  error: {
    title: 'Något gick fel',
    body: 'Sidan kunde inte visas.',
  },
  footer: 'Lägesbild – uppföljning av folkhälsoprojekt',
  dismiss: 'Stäng meddelandet',
} as const

export const en: Translations<typeof sv> = {
  skipLink: 'Skip to content',
  nav: {
    label: 'Main menu',
    home: 'Home',
    projects: 'Projects',
    portfolio: 'Portfolio',
    programmes: 'Programmes',
    finance: 'Finance',
    organisations: 'Organisations',
    admin: 'Administration',
    people: 'People',
    reportTemplates: 'Report templates',
  },
  userMenu: {
    account: 'My account',
    button: 'user menu',
    signedInAs: 'Logged in as',
    logout: 'Log out',
    loggingOut: 'Logging out …',
  },
  notFound: {
    title: 'Page not found',
    body: 'The page you are looking for does not exist, or you are not allowed to see it.',
    home: 'Go to the home page',
  },
  error: {
    title: 'Something went wrong',
    body: 'The page could not be shown.',
  },
  footer: 'Lägesbild – follow-up of public-health projects',
  dismiss: 'Close the message',
}
