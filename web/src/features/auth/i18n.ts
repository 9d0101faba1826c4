import type { Translations } from '../../lib/i18n'

export const sv = {
  sso: {
    button: 'Logga in med organisationens konto (SSO)',
    failure: {
      not_configured: 'Inloggning med organisationens konto är inte inställd här.',
      provider_unavailable: 'Organisationens inloggningstjänst svarar inte. Försök igen om en stund.',
      cancelled: 'Inloggningen med organisationens konto avbröts.',
      invalid_response:
        'Inloggningen med organisationens konto kunde inte bekräftas. Börja om från den här sidan.',
      unknown_user: 'Det finns inget konto i Lägesbild för dig. Be en administratör om en inbjudan.',
      deactivated: 'Ditt konto är inaktiverat. Kontakta en administratör.',
      email_missing: 'Organisationens inloggningstjänst skickade ingen e-postadress för dig.',
    },
  },
  invitation: {
    title: 'Välkommen till Lägesbild',
    resetTitle: 'Välj ett nytt lösenord',
    intro: 'Kontot gäller {{name}} på {{organisation}}. Välj ett lösenord att logga in med.',
    noToken: 'Länken är inte fullständig. Kopiera hela länken från administratören och försök igen.',
    password: 'Nytt lösenord',
    rules:
      'Minst {{count}} tecken, inte din e-postadress och inte ett vanligt lösenord. En mening med några ord är lätt att minnas.',
    repeat: 'Upprepa lösenordet',
    tooShort: 'Lösenordet måste ha minst {{count}} tecken.',
    mismatch: 'Lösenorden är inte lika.',
    submit: 'Spara lösenord och logga in',
    saving: 'Sparar …',
  },
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
  sso: {
    button: 'Log in with your organisation’s account (SSO)',
    failure: {
      not_configured: 'Login with the organisation’s account is not set up here.',
      provider_unavailable: 'The organisation’s login service could not be reached. Try again shortly.',
      cancelled: 'The login with the organisation’s account was cancelled.',
      invalid_response:
        'The login with the organisation’s account could not be verified. Start again from this page.',
      unknown_user: 'There is no Lägesbild account for you. Ask an administrator for an invitation.',
      deactivated: 'Your account is deactivated. Contact an administrator.',
      email_missing: 'The organisation’s login service sent no e-mail address for you.',
    },
  },
  invitation: {
    title: 'Welcome to Lägesbild',
    resetTitle: 'Choose a new password',
    intro: 'The account is for {{name}} at {{organisation}}. Choose a password to log in with.',
    noToken: 'The link is incomplete. Copy the whole link from the administrator and try again.',
    password: 'New password',
    rules:
      'At least {{count}} characters; not your e-mail address and not a common password. A sentence of a few words is easy to remember.',
    repeat: 'Repeat the password',
    tooShort: 'The password must have at least {{count}} characters.',
    mismatch: 'The passwords are not the same.',
    submit: 'Save password and log in',
    saving: 'Saving …',
  },
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
