import type { FastifyReply } from 'fastify'
import { contentTypes, type DocumentFormat } from './render.ts'

const asciiFallbacks: Record<string, string> = { '–': '-', '—': '-', '“': '', '”': '', '’': "'", '…': '...' }

const unsafe = '/\\:*?"<>|'

/** A file name any system accepts: no path separators, quotes or control characters, not too long. */
export function safeFileName(name: string): string {
  const cleaned = Array.from(name, (c) =>
    c.charCodeAt(0) < 32 || c === '\u007f' || unsafe.includes(c) ? ' ' : c,
  )
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150)
    .trim()
  return cleaned || 'dokument'
}

/** The same name in plain ASCII, for clients that do not read `filename*`. */
export function asciiFileName(name: string): string {
  return safeFileName(name)
    .replace(/[–—“”’…]/g, (c) => asciiFallbacks[c] ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/[%;,]/g, '_')
}

/** RFC 6266 with RFC 5987: Swedish names survive in every browser, older ones get an ASCII name. */
export function contentDisposition(name: string, extension: string): string {
  const full = `${safeFileName(name)}.${extension}`
  const encoded = encodeURIComponent(full).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${asciiFileName(name)}.${extension}"; filename*=UTF-8''${encoded}`
}

export function sendDocument(reply: FastifyReply, body: Buffer, format: DocumentFormat, name: string) {
  return reply
    .header('content-type', contentTypes[format])
    .header('content-disposition', contentDisposition(name, format))
    .header('cache-control', 'private, no-store')
    .send(body)
}
