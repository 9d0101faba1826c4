import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorsPlugin } from './errors.ts'
import { fileKinds, readUpload, uploadsPlugin } from './uploads.ts'

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
