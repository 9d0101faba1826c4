import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  findIdentityNumbers,
  findNameLists,
  findPersonalData,
  luhnCheckDigit,
  luhnValid,
  NAME_LIST_MIN,
} from './personal-data.ts'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** A real calendar date from 1900 to 2099, as century, YY, MM, DD. */
const dateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => ({
    century: Math.floor(d.getUTCFullYear() / 100),
    yy: d.getUTCFullYear() % 100,
    mm: d.getUTCMonth() + 1,
    dd: d.getUTCDate(),
  }))

function identityNumber(date: { yy: number; mm: number; dd: number }, serial: number, dayOffset = 0) {
  const nine = `${pad(date.yy)}${pad(date.mm)}${pad(date.dd + dayOffset)}${pad(serial, 3)}`
  return `${nine}${luhnCheckDigit(nine)}`
}

const formats = [
  (ten: string) => `${ten.slice(0, 6)}-${ten.slice(6)}`,
  (ten: string) => `${ten.slice(0, 6)}+${ten.slice(6)}`,
  (ten: string, century: number) => `${century}${ten}`,
  (ten: string, century: number) => `${century}${ten.slice(0, 6)}-${ten.slice(6)}`,
]

/** Text around a number that cannot itself contain digits. */
const prose = fc.stringMatching(/^[A-Za-zÅÄÖåäö .:]{0,30}$/)

describe('luhn', () => {
  it('accepts a known personnummer and refuses it with another check digit', () => {
    // Skatteverket's published test number 811218-9876.
    expect(luhnValid('8112189876')).toBe(true)
    expect(luhnValid('8112189875')).toBe(false)
    expect(luhnValid('81121898x6')).toBe(false)
  })

  it('completes any nine digits with exactly one check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        const valid = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => luhnValid(`${nine}${d}`))
        expect(valid).toEqual([luhnCheckDigit(nine)])
      }),
    )
  })
})

describe('findIdentityNumbers', () => {
  it.each([
    ['Eleven 811218-9876 har frånvaro', 'personal_identity_number'],
    ['pnr 19811218-9876', 'personal_identity_number'],
    ['198112189876', 'personal_identity_number'],
    ['811218+9876', 'personal_identity_number'],
    ['samordningsnummer 811278-9873', 'coordination_number'],
  ])('finds %s', (text, kind) => {
    expect(findIdentityNumbers(text)).toEqual([expect.objectContaining({ kind })])
  })

  it.each([
    ['a phone number written without separators', 'ring 0701234567'],
    ['a date range', '2014-06-01 – 2016-06-30'],
    ['an amount', 'budget 2806000 kr, 4 800 000 kr'],
    ['a diarienummer', 'BUN 2017/0412'],
    ['a month that does not exist', '811318-9876'],
    ['the wrong check digit', '811218-9875'],
    ['a number inside a longer one', '1234811218-98765'],
  ])('leaves alone %s', (_label, text) => {
    expect(findIdentityNumbers(text)).toEqual([])
  })

  it('finds every valid number in every written form, where it is', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(...formats),
        prose,
        prose,
        (date, serial, format, before, after) => {
          const written = format(identityNumber(date, serial), date.century)
          const text = `${before} ${written} ${after}`
          const start = before.length + 1
          expect(findIdentityNumbers(text)).toEqual([
            { kind: 'personal_identity_number', start, end: start + written.length },
          ])
        },
      ),
    )
  })

  it('tells coordination numbers (day + 60) apart', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 999 }), (date, serial) => {
        const ten = identityNumber(date, serial, 60)
        expect(findIdentityNumbers(`${ten.slice(0, 6)}-${ten.slice(6)}`)).toEqual([
          expect.objectContaining({ kind: 'coordination_number' }),
        ])
      }),
    )
  })

  it('refuses a number whose check digit is wrong', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 1, max: 9 }),
        (d, s, shift) => {
          const ten = identityNumber(d, s)
          const wrong = `${ten.slice(0, 9)}${(Number(ten[9]) + shift) % 10}`
          expect(findIdentityNumbers(`${wrong.slice(0, 6)}-${wrong.slice(6)}`)).toEqual([])
        },
      ),
    )
  })

  it('never finds a number in text without digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(findIdentityNumbers(text.replace(/\d/g, 'x'))).toEqual([])
      }),
    )
  })
})

const names = ['Anna Svensson', 'Erik Johansson', 'Fatima Ali', 'Omar', 'Lisa Berg', 'Noor H.', 'Elsa Lind']

describe('findNameLists', () => {
  it.each([
    'Anna Svensson, Erik Johansson, Lisa Berg',
    'Barn i gruppen: Omar, Fatima, Elsa och Liam',
    '1. Anna S.\n2. Erik J.\n3. Lisa B. (8 år)',
    'Anna; Erik; Lisa; Omar',
  ])('finds the names in %j', (text) => {
    expect(findNameLists(text)).toHaveLength(1)
  })

  it.each([
    'Barn- och utbildningsförvaltningen, Socialförvaltningen, Kulturförvaltningen',
    'Projektledare Anna Svensson och styrgruppen',
    'Luleå Kommun, Region Norrbotten, Örebro Kommun',
    'Erik och Lisa',
    'Föräldrar till 137 barn, varav 95 % kände sig stöttade',
  ])('leaves alone %j', (text) => {
    expect(findNameLists(text)).toEqual([])
  })

  it(`finds any list of ${NAME_LIST_MIN} or more names and spans all of it`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...names), { minLength: NAME_LIST_MIN, maxLength: 8 }),
        fc.constantFrom(', ', '; ', '\n', ' och '),
        prose.map((p) => p.replace(/\b(och|and|samt)\b/gi, '')),
        (list, glue, before) => {
          const joined = list.join(glue)
          const text = `${before}:\n${joined}`
          const found = findNameLists(text)
          expect(found).toHaveLength(1)
          expect(text.slice(found[0]!.start, found[0]!.end)).toBe(joined)
        },
      ),
    )
  })

  it(`does not call fewer than ${NAME_LIST_MIN} names a list`, () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...names), { maxLength: NAME_LIST_MIN - 1 }), (list) => {
        expect(findNameLists(`Ansvariga: ${list.join(', ')}. Mål: 70 barn per år.`)).toEqual([])
      }),
    )
  })
})

describe('findPersonalData', () => {
  it('reports both kinds in order of appearance', () => {
    const text = 'Anna, Erik och Lisa; Omars nummer är 811218-9876'
    expect(findPersonalData(text).map((f) => f.kind)).toEqual(['name_list', 'personal_identity_number'])
  })

  it('finds nothing in the seed projects’ own texts', () => {
    const seed =
      'Målgrupp: föräldrar till barn 6–13 år. Utfall: 131 föräldrar till 137 barn (2014-09 – 2016-06); 95 % kände sig stöttade, 85 % fick ökad kunskap. Budget 4 800 000 kr: 2 806 000 folkhälsomedel, 1 000 000 BUF, 1 000 000 SOC.'
    expect(findPersonalData(seed)).toEqual([])
  })
})
