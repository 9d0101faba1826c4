import { useTranslation } from 'react-i18next'

const DEMO_PASSWORD = 'lagesbild-demo'

const accounts = [
  { email: 'admin@demo.example', role: 'admin' },
  { email: 'portfolj@demo.example', role: 'portfolio' },
  { email: 'ekonom@demo.example', role: 'finance' },
  { email: 'projektledare@demo.example', role: 'leader' },
  { email: 'styrgrupp@demo.example', role: 'steering' },
  { email: 'betraktare@demo.example', role: 'viewer' },
] as const

export interface DemoAccountsProps {
  onPick: (email: string, password: string) => void
}

/** The demo data's accounts; picking one fills in the login form. */
export function DemoAccounts({ onPick }: DemoAccountsProps) {
  const { t } = useTranslation('auth')
  return (
    <aside className="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">{t('demo.title')}</h2>
      <p>{t('demo.intro')}</p>
      <ul className="demo-accounts__list">
        {accounts.map((account) => (
          <li key={account.email}>
            <button
              type="button"
              className="demo-accounts__pick"
              onClick={() => onPick(account.email, DEMO_PASSWORD)}
            >
              <span className="visually-hidden">{t('demo.use')} </span>
              <span className="demo-accounts__email">{account.email}</span>
              <span className="demo-accounts__role">{t(`demo.accounts.${account.role}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="demo-accounts__password">
        {t('demo.password')} <code>{DEMO_PASSWORD}</code>
      </p>
    </aside>
  )
}
