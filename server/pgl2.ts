import { PGlite } from '@electric-sql/pglite'

let t = performance.now()
const a = await PGlite.create()
console.log('create', performance.now() - t)
t = performance.now()
await a.exec('create table x (id int primary key, name text); insert into x values (1, $$a$$);')
const dump = await a.dumpDataDir('none')
console.log('dump', performance.now() - t, dump.size)
t = performance.now()
const b = await PGlite.create({ loadDataDir: dump })
console.log('load', performance.now() - t, (await b.query('select * from x')).rows)
