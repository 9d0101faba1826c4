import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorsPlugin } from './errors.ts'
import { fileKinds, readUpload, uploadsPlugin, withUpload } from './uploads.ts'

const app = Fastify()

beforeAll(async () => {
  await app.register(errorsPlugin)
  await app.register(uploadsPlugin, { limitBytes: 2048 })
  app.post('/upload', async (request) => {
    const upload = await readUpload(request, { kinds: [fileKinds.csv, fileKinds.xlsx], maxBytes: 1024 })
    return {
      filename: upload.filename,
      kind: upload.kind.name,
      bytes: upload.content.length,
      fields: upload.fields,
    }
  })
  await app.ready()
})
afterAll(() => app.close())

const boundary = '----lagesbild-test'

function form(parts: { name: string; value: Buffer | string; filename?: string; type?: string }[]) {
  const chunks: Buffer[] = []
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`,
      ),
      Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value),
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(chunks)
}

const send = (payload: Buffer, contentType = `multipart/form-data; boundary=${boundary}`) =>
  app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': contentType }, payload })

const csv = 'datum;konto;belopp\n2017-03-01;4010;12 500,00\n'

describe('readUpload', () => {
  it('reads a file of an accepted kind with the form fields around it', async () => {
    const response = await send(
      form([
        { name: 'year', value: '2017' },
        { name: 'file', value: csv, filename: 'utfall.csv', type: 'text/csv' },
        { name: 'comment', value: 'mars' },
      ]),
    )
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      filename: 'utfall.csv',
      kind: 'CSV',
      bytes: Buffer.byteLength(csv),
      fields: { year: '2017', comment: 'mars' },
    })
  })

  it('refuses a file over the route limit with 413 naming the field', async () => {
    const response = await send(
      form([{ name: 'file', value: 'a;b\n'.repeat(400), filename: 'stor.csv', type: 'text/csv' }]),
    )
    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({ code: 'file_too_large', errors: [{ field: 'file' }] })
    expect(response.json().detail).toMatch(/1 MB|0,0 MB|MB/)
  })

  it('judges the type by content, not only by name', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)])
    const disguised = await send(
      form([{ name: 'file', value: exe, filename: 'utfall.csv', type: 'text/csv' }]),
    )
    expect(disguised.statusCode).toBe(415)
    expect(disguised.json()).toMatchObject({ code: 'unsupported_file_type', errors: [{ field: 'file' }] })

    const fakeXlsx = await send(
      form([
        {
          name: 'file',
          value: 'not a zip',
          filename: 'budget.xlsx',
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      ]),
    )
    expect(fakeXlsx.statusCode).toBe(415)

    const pdf = await send(
      form([{ name: 'file', value: '%PDF-1.7\n', filename: 'x.pdf', type: 'application/pdf' }]),
    )
    expect(pdf.statusCode).toBe(415)
    expect(pdf.json().detail).toMatch(/CSV, Excel \(XLSX\)/)
  })

  it('accepts a real XLSX', async () => {
    const ExcelJS = (await import('exceljs')).default
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Utfall').addRow(['datum', 'belopp'])
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
    const small = Fastify()
    await small.register(errorsPlugin)
    await small.register(uploadsPlugin, { limitBytes: 1_048_576 })
    small.post('/upload', async (request) => ({
      kind: (await readUpload(request, { kinds: [fileKinds.xlsx] })).kind.name,
    }))
    const response = await small.inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: form([
        {
          name: 'file',
          value: xlsx,
          filename: 'utfall.xlsx',
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      ]),
    })
    expect(response.json()).toEqual({ kind: 'Excel (XLSX)' })
    await small.close()
  })

  it('asks for a file when none came, and for multipart when JSON came', async () => {
    const empty = await send(form([{ name: 'year', value: '2017' }]))
    expect(empty.statusCode).toBe(422)
    expect(empty.json()).toMatchObject({ errors: [{ field: 'file', code: 'required' }] })
    const json = await app.inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    })
    expect(json.statusCode).toBe(415)
  })

  it('takes one file at a time', async () => {
    const response = await send(
      form([
        { name: 'file', value: csv, filename: 'a.csv', type: 'text/csv' },
        { name: 'file', value: csv, filename: 'b.csv', type: 'text/csv' },
      ]),
    )
    expect(response.statusCode).toBe(413)
    expect(response.json().code).toBe('too_many_parts')
  })
})

describe('withUpload', () => {
  // A temporary folder of this test's own, so other processes' uploads do not count.
  let folder: string
  let previous: string | undefined
  const streamed = Fastify()
  let seen: { head: string; size: number; content: string } | undefined

  beforeAll(async () => {
    previous = process.env.TMPDIR
    folder = await mkdtemp(join(tmpdir(), 'uploads-test-'))
    process.env.TMPDIR = folder
    await streamed.register(errorsPlugin)
    await streamed.register(uploadsPlugin, { limitBytes: 1_048_576 })
    streamed.post('/upload', async (request) =>
      withUpload(request, { kinds: [fileKinds.csv], maxBytes: 300_000 }, async (upload) => {
        const chunks: Buffer[] = []
        for await (const chunk of upload.open()) chunks.push(chunk)
        // The file lies on disk while the route uses it.
        expect(await readdir(folder)).toHaveLength(1)
        seen = { head: upload.head.toString(), size: upload.size, content: Buffer.concat(chunks).toString() }
        if (request.headers['x-fail']) throw new Error('the route failed')
        return { ok: true }
      }),
    )
    await streamed.ready()
  })
  afterAll(async () => {
    await streamed.close()
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    await rm(folder, { recursive: true, force: true })
  })

  const post = (value: string, headers: Record<string, string> = {}) =>
    streamed.inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
      payload: form([{ name: 'file', value, filename: 'utfall.csv', type: 'text/csv' }]),
    })

  it('streams the file through a temporary file, keeps only its head in memory, and removes it after', async () => {
    const big = `datum;konto;belopp\n${'2017-03-01;4010;12 500,00\n'.repeat(10_000)}`
    const response = await post(big)
    expect(response.statusCode).toBe(200)
    expect(seen?.size).toBe(Buffer.byteLength(big))
    expect(seen?.content).toBe(big)
    expect(seen?.head).toBe(big.slice(0, 64 * 1024))
    expect(await readdir(folder)).toEqual([])
  })

  it('removes the temporary file when the route fails, and when the file is too large or refused', async () => {
    expect((await post(csv, { 'x-fail': '1' })).statusCode).toBe(500)
    expect(await readdir(folder)).toEqual([])
    const tooLarge = await post('a;b\n'.repeat(100_000))
    expect(tooLarge.statusCode).toBe(413)
    expect(tooLarge.json()).toMatchObject({ code: 'file_too_large', errors: [{ field: 'file' }] })
    expect(await readdir(folder)).toEqual([])
    const binary = await post(`a;b\n${'x'.repeat(70_000)}\u0000`)
    // Only the head is judged for text: a NUL past it is the parser's to find, not the upload's.
    expect(binary.statusCode).toBe(200)
    const disguised = await post('\u0000MZ')
    expect(disguised.statusCode).toBe(415)
    expect(await readdir(folder)).toEqual([])
    expect(existsSync(folder)).toBe(true)
  })
})
