import type { InputHTMLAttributes, ReactNode } from 'react'

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  id: string
  label: ReactNode
}

export function Checkbox({ id, label, className, ...input }: CheckboxProps) {
  return (
    <div className={['checkbox', className ?? ''].filter(Boolean).join(' ')}>
      <input id={id} type="checkbox" className="checkbox__input" {...input} />
      <label htmlFor={id} className="checkbox__label">
        {label}
      </label>
    </div>
  )
}
