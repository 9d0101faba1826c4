import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpProblem, invalidField } from './problem.ts'

/**
 * One kind of file a route accepts: what the client may call it (extension, MIME type)
 * and what its first bytes must look like, since both names are the client's to choose.
 */
export interface FileKind {
  name: string
  extensions: readonly string[]
  mimeTypes: readonly string[]
  matches: (content: Buffer) => boolean
}

const startsWith = (content: Buffer, magic: number[]) => magic.every((byte, i) => content[i] === byte)
const isZip = (content: Buffer) => startsWith(content, [0x50, 0x4b, 0x03, 0x04])
/** Office Open XML: a zip whose directory names the part that makes it a workbook or document. */
const isOfficeZip = (content: Buffer, folder: string) =>
  isZip(content) && content.includes(Buffer.from(folder))

/** Text: no NUL bytes and no other control characters than tab, CR, LF and form feed. */
function isText(content: Buffer): boolean {
  const head = content.subarray(0, 64 * 1024)
  for (const byte of head) {
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) return false
  }
  return true
}

export const fileKinds = {
  csv: {
    name: 'CSV',
    extensions: ['.csv', '.txt'],
    mimeTypes: ['text/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream'],
    matches: isText,
  },
  xlsx: {
    name: 'Excel (XLSX)',
    extensions: ['.xlsx'],
    mimeTypes: [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/octet-stream',
    ],
    matches: (c: Buffer) => isOfficeZip(c, 'xl/'),
  },
  docx: {
    name: 'Word (DOCX)',
    extensions: ['.docx'],
    mimeTypes: [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/octet-stream',
    ],
    matches: (c: Buffer) => isOfficeZip(c, 'word/'),
  },
  pdf: {
    name: 'PDF',
    extensions: ['.pdf'],
    mimeTypes: ['application/pdf', 'application/octet-stream'],
    matches: (c: Buffer) => c.subarray(0, 1024).includes(Buffer.from('%PDF-')),
  },
  png: {
    name: 'PNG',
    extensions: ['.png'],
    mimeTypes: ['image/png'],
    matches: (c: Buffer) => startsWith(c, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  jpeg: {
    name: 'JPEG',
    extensions: ['.jpg', '.jpeg'],
    mimeTypes: ['image/jpeg'],
    matches: (c: Buffer) => startsWith(c, [0xff, 0xd8, 0xff]),
  },
} satisfies Record<string, FileKind>

export interface UploadOptions {
  /** The kinds accepted, e.g. `[fileKinds.csv, fileKinds.xlsx]`. */
  kinds: readonly FileKind[]
  /** The form field that carries the file. */
  field?: string
  /** Lower than the app-wide UPLOAD_LIMIT_BYTES for this route; never higher. */
  maxBytes?: number
}

export interface Upload {
  filename: string
  mimeType: string
  kind: FileKind
  content: Buffer
  /** The form's text fields, sent before or after the file. */
  fields: Record<string, string>
}

/** Bytes kept of the file's start (and end) for recognising its kind; parsers sniff the same head. */
export const HEAD_BYTES = 64 * 1024

/** An upload that lies in a temporary file while the route uses it; never whole in memory. */
export interface StreamedUpload {
  filename: string
  mimeType: string
  kind: FileKind
  size: number
  /** The first HEAD_BYTES of the file (all of it when smaller). */
  head: Buffer
  /** The file from the start, in chunks read from disk. */
  open: () => AsyncIterable<Buffer>
  /** The form's text fields, sent before or after the file. */
  fields: Record<string, string>
}

const megabytes = (bytes: number) =>
  (bytes / 1_048_576).toLocaleString('sv-SE', { maximumFractionDigits: 1 }).replace('.', ',')

declare module 'fastify' {
  interface FastifyInstance {
    uploadLimitBytes: number
  }
}

/** Counts the bytes passing through and keeps the first and last HEAD_BYTES of them. */
class Sniffer extends Transform {
  size = 0
  private readonly headChunks: Buffer[] = []
  private headSize = 0
  private tail = Buffer.alloc(0)

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.size += chunk.length
    if (this.headSize < HEAD_BYTES) {
      const piece = chunk.subarray(0, HEAD_BYTES - this.headSize)
      this.headChunks.push(Buffer.from(piece))
      this.headSize += piece.length
    }
    this.tail = Buffer.concat([this.tail, chunk]).subarray(-HEAD_BYTES)
    done(null, chunk)
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks)
  }

  /**
   * What a file kind is judged by: the whole file when small, else its head and its tail (a zip
   * names its parts again in the directory at its end, so an XLSX is known however it is ordered).
   */
  get sample(): Buffer {
    const rest = this.size - this.headSize
    if (rest === 0) return this.head
    // Between one and two heads long, the tail overlaps the head: only its bytes after the head.
    return Buffer.concat([this.head, this.tail.subarray(Math.max(0, this.tail.length - rest))])
  }
}

function tooLarge(field: string, limit: number) {
  return new HttpProblem(413, 'file_too_large', undefined, {
    detail: {
      sv: `Filen är för stor. Största tillåtna storlek är ${megabytes(limit)} MB.`,
      en: `The file is too large. The largest allowed size is ${megabytes(limit)} MB.`,
    },
    errors: [
      {
        field,
        code: 'file_too_large',
        message: { sv: `Högst ${megabytes(limit)} MB.`, en: `At most ${megabytes(limit)} MB.` },
      },
    ],
  })
}

/**
 * Streams the one file of a multipart/form-data request to a temporary file, within the size
 * limit, checks its type by name and by its first and last bytes, and hands it to `use`. The
 * temporary file is removed when `use` is done or anything failed. Every refusal is a problem
 * naming the field.
 */
export async function withUpload<T>(
  request: FastifyRequest,
  options: UploadOptions,
  use: (upload: StreamedUpload) => Promise<T>,
): Promise<T> {
  const field = options.field ?? 'file'
  const limit = Math.min(options.maxBytes ?? Number.POSITIVE_INFINITY, request.server.uploadLimitBytes)
  const accepted = options.kinds.map((k) => k.name).join(', ')
  if (!request.isMultipart()) {
    const message = {
      sv: 'Skicka filen som multipart/form-data.',
      en: 'Send the file as multipart/form-data.',
    }
    throw new HttpProblem(415, 'unsupported_media_type', undefined, {
      detail: message,
      errors: [{ field, code: 'unsupported_media_type', message }],
    })
  }
  // A directory of its own (mode 0700), so no other local user can read or swap the file.
  const folder = await mkdtemp(join(tmpdir(), 'lagesbild-upload-'))
  const path = join(folder, 'file')
  try {
    const fields: Record<string, string> = {}
    let file: { filename: string; mimeType: string; size: number; head: Buffer; sample: Buffer } | undefined
    try {
      for await (const part of request.parts({ limits: { fileSize: limit, files: 1 } })) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value)
        } else if (part.fieldname === field && !file) {
          const sniffer = new Sniffer()
          await pipeline(part.file, sniffer, createWriteStream(path, { mode: 0o600 }))
          // Busboy ends a file at the limit without an error; what was cut off is refused here.
          if (part.file.truncated) throw tooLarge(field, limit)
          file = {
            filename: part.filename,
            mimeType: part.mimetype,
            size: sniffer.size,
            head: sniffer.head,
            sample: sniffer.sample,
          }
        } else {
          await part.toBuffer()
        }
      }
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(field, limit)
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
        throw new HttpProblem(413, 'too_many_parts', undefined, {
          detail: { sv: 'Skicka en fil åt gången.', en: 'Send one file at a time.' },
        })
      }
      throw error
    }
    if (!file || file.size === 0) {
      throw invalidField(field, 'required', {
        sv: 'Välj en fil att ladda upp.',
        en: 'Choose a file to upload.',
      })
    }
    const { filename, mimeType, size, head, sample } = file
    const extension = /\.[^.]+$/.exec(filename.toLowerCase())?.[0] ?? ''
    const kind = options.kinds.find(
      (k) => k.extensions.includes(extension) && k.mimeTypes.includes(mimeType) && k.matches(sample),
    )
    if (!kind) {
      throw new HttpProblem(415, 'unsupported_file_type', undefined, {
        detail: {
          sv: `Filtypen stöds inte här. Tillåtna filtyper: ${accepted}.`,
          en: `This file type is not accepted here. Accepted types: ${accepted}.`,
        },
        errors: [
          {
            field,
            code: 'unsupported_file_type',
            message: { sv: `Tillåtna filtyper: ${accepted}.`, en: `Accepted types: ${accepted}.` },
          },
        ],
      })
    }
    return await use({
      filename,
      mimeType,
      kind,
      size,
      head,
      open: () => createReadStream(path, { highWaterMark: HEAD_BYTES }),
      fields,
    })
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/** The one file of the request in memory, for routes whose files are small (it passes through disk too). */
export async function readUpload(request: FastifyRequest, options: UploadOptions): Promise<Upload> {
  return withUpload(request, options, async ({ filename, mimeType, kind, fields, open }) => {
    const chunks: Buffer[] = []
    for await (const chunk of open()) chunks.push(chunk)
    return { filename, mimeType, kind, fields, content: Buffer.concat(chunks) }
  })
}

/** Parses multipart/form-data for routes that call `readUpload`; the size limit is app-wide. */
export const uploadsPlugin = fp(async (app: FastifyInstance, { limitBytes }: { limitBytes: number }) => {
  app.decorate('uploadLimitBytes', limitBytes)
  await app.register(multipart, {
    limits: { fileSize: limitBytes, files: 1, fields: 20, fieldSize: 100_000, parts: 25 },
    throwFileSizeLimit: true,
  })
})
