/** Activity numbers as plans write them: "1.1" … "4.8", sub-goal first; compared part by part. */
const NUMBER = /^\d{1,3}(\.\d{1,3}){0,3}$/

export function isActivityNumber(value: string): boolean {
  return NUMBER.test(value)
}

/** "2.10" after "2.9"; numbered activities before unnumbered ones. */
export function compareActivityNumbers(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1
    const y = pb[i] ?? -1
    if (x !== y) return x - y
  }
  return 0
}

/** The number an activity gets when it moves from one sub-goal's numbering to another's. */
export function renumber(number: string, fromPrefix: number, toPrefix: number): string {
  const [head, ...rest] = number.split('.')
  if (Number(head) !== fromPrefix || rest.length === 0) return number
  return [String(toPrefix), ...rest].join('.')
}
