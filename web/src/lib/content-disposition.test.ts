import { describe, expect, it } from 'vitest'
import { fileNameFromDisposition } from './content-disposition'

describe('fileNameFromDisposition', () => {
  it('prefers the RFC 5987 name, decoded, over the ASCII fallback', () => {
    expect(
      fileNameFromDisposition(
        `attachment; filename="Slutrapport_Tidiga.docx"; filename*=UTF-8''Slutrapport%20Tidiga%20insatser%20%E2%80%93%20%C3%B6.docx`,
      ),
    ).toBe('Slutrapport Tidiga insatser – ö.docx')
  })

  it('reads a plain quoted or unquoted name', () => {
    expect(fileNameFromDisposition('attachment; filename="portfolj.xlsx"')).toBe('portfolj.xlsx')
    expect(fileNameFromDisposition('attachment; filename=plan.csv')).toBe('plan.csv')
  })

  it('falls back to the plain name when the extended one is malformed, and gives null without a name', () => {
    expect(fileNameFromDisposition(`attachment; filename="a.pdf"; filename*=UTF-8''%E2%ZZ.pdf`)).toBe('a.pdf')
    expect(fileNameFromDisposition('attachment')).toBeNull()
    expect(fileNameFromDisposition(null)).toBeNull()
  })
})
