import type { Kysely } from 'kysely'
import { v7 as uuid } from 'uuid'
import type { Database } from '../db/schema.ts'

/**
 * What demo loaders share: the transaction and the ids of what earlier loaders created,
 * looked up by the names the seeds use.
 */
export class DemoContext {
  readonly db: Kysely<Database>
  private readonly ids = new Map<string, string>()

  constructor(db: Kysely<Database>) {
    this.db = db
  }

  /** Registers a new id under `kind:name` and returns it. */
  newId(kind: string, name: string): string {
    const key = `${kind}:${name}`
    if (this.ids.has(key)) throw new Error(`Demo data defines ${key} twice`)
    const id = uuid()
    this.ids.set(key, id)
    return id
  }

  id(kind: string, name: string): string {
    const id = this.ids.get(`${kind}:${name}`)
    if (!id) throw new Error(`Demo data has no ${kind} named "${name}"`)
    return id
  }

  organisation = (name: string) => this.id('organisation', name)
  person = (name: string) => this.id('person', name)
  programme = (name: string) => this.id('programme', name)
  project = (name: string) => this.id('project', name)
  user = (email: string) => this.id('user', email)
}

export type DemoLoader = (ctx: DemoContext) => Promise<void>
