/**
 * Child process of faults.test.ts: writes numbered rows to an embedded database, one statement
 * each, and prints "ack N" only after the database acknowledged row N. The test kills it with
 * SIGKILL mid-stream and checks that every acknowledged row survived.
 *
 *   node tests/reliability/pglite-writer.ts <dataDir>
 */
import { connectPglite } from '@lagesbild/server/db/connect'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: pglite-writer.ts <dataDir>')
const { pglite: db } = await connectPglite({ dataDir })
if (!db) throw new Error('no embedded database')
await db.exec('create table if not exists acked (n integer primary key, payload text not null)')
console.log('ready')
for (let n = 1; ; n += 1) {
  await db.query('insert into acked (n, payload) values ($1, $2)', [n, `rad ${n} ${'å'.repeat(200)}`])
  console.log(`ack ${n}`)
}
