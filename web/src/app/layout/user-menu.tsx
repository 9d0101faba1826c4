import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../components/language-switch'
import { useMe } from '../../features/auth/api/get-me'
import { useLogout } from '../../features/auth/api/logout'
import { type CurrentUser, useCurrentUser } from '../../lib/current-user'

/** The user's name as a disclosure button; opens e-mail, roles, language and "Logga ut". */
export function UserMenu() {
  const { t } = useTranslation('app')
  const { t: tc } = useTranslation('common')
  const fromRoute = useCurrentUser()
  const { data: fresh } = useMe()
  const me: CurrentUser = fresh ?? fromRoute
  const logout = useLogout()
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (container.current && !container.current.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false)
        button.current?.focus()
      }
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  const roles = [
    ...new Set(me.roles.map((grant) => tc(`role.${grant.role}`))),
    ...new Set(me.projectRoles.map((grant) => tc(`role.${grant.role}`))),
  ]

  return (
    <div className="user-menu" ref={container}>
      <button
        ref={button}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {initials(me.name)}
        </span>
        <span className="user-menu__name">{me.name}</span>
        <span className="visually-hidden">, {t('userMenu.button')}</span>
        <span className="user-menu__chevron" aria-hidden="true" />
      </button>
      <div className="user-menu__panel" id={panelId} hidden={!open}>
        <p className="user-menu__signed-in">{t('userMenu.signedInAs')}</p>
        <p className="user-menu__identity">
          <strong>{me.name}</strong>
          <span>{me.email}</span>
          <span>{me.organisationName}</span>
        </p>
        {roles.length > 0 ? (
          <ul className="user-menu__roles">
            {[...new Set(roles)].map((role) => (
              <li key={role}>{role}</li>
            ))}
          </ul>
        ) : null}
        <LanguageSwitch className="user-menu__language" />
        <button
          type="button"
          className="button button--secondary user-menu__logout"
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          {logout.isPending ? t('userMenu.loggingOut') : t('userMenu.logout')}
        </button>
      </div>
    </div>
  )
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('')
}
