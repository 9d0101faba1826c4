import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Db, Driver } from '../db/connect.ts'
import type { Database } from '../db/schema.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
    dbDriver: Driver
  }
}

/** Exposes the one Kysely instance; closing the app closes the pool (or the embedded database). */
export const databasePlugin = fp(async (app: FastifyInstance, { db }: { db: Db }) => {
  app.decorate('db', db.kysely)
  app.decorate('dbDriver', db.driver)
  app.addHook('onClose', async () => db.close())
})
