import { hash, type Options, verify } from '@node-rs/argon2'

/** OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. */
// 2 is Algorithm.Argon2id; the binding declares it as a const enum, which isolated modules cannot read.
const options: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, options)

// Verifying against a real hash when the account is unknown keeps response times alike.
let dummyHash: Promise<string> | undefined

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('no such account')
    await verify(await dummyHash, password).catch(() => false)
    return false
  }
  return verify(storedHash, password).catch(() => false)
}
