import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { extractText, getDocumentProxy } from 'unpdf'

/** The parts of a DOCX that tests read: the body, footers and styles as XML text. */
export function docxParts(file: Uint8Array) {
  const entries = unzipSync(file)
  const text = (name: string) => {
    const entry = entries[name]
    return entry ? strFromU8(entry) : ''
  }
  return {
    names: Object.keys(entries),
    document: text('word/document.xml'),
    styles: text('word/styles.xml'),
    footers: Object.keys(entries)
      .filter((name) => /^word\/footer\d+\.xml$/.test(name))
      .map(text),
    headers: Object.keys(entries)
      .filter((name) => /^word\/header\d+\.xml$/.test(name))
      .map(text),
  }
}

/** The visible words of a DOCX body: every w:t run, paragraphs on their own lines. */
export function docxText(documentXml: string): string {
  return documentXml
    .split(/<\/w:p>/)
    .map((paragraph) =>
      [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1] ?? '')
        .join('')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'"),
    )
    .filter((line) => line !== '')
    .join('\n')
}

/** The text a reader can select in a PDF, page by page joined. */
export async function pdfText(file: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(file))
  const { text } = await extractText(pdf, { mergePages: true })
  return text
}

export interface OutlineItem {
  title: string
  items: OutlineItem[]
}

export async function pdfOutline(file: Uint8Array): Promise<OutlineItem[]> {
  const pdf = await getDocumentProxy(new Uint8Array(file))
  const outline = (await pdf.getOutline()) ?? []
  const map = (items: typeof outline): OutlineItem[] =>
    items.map((i) => ({ title: i.title, items: map(i.items) }))
  return map(outline)
}

/**
 * The PDF's text as poppler's pdftotext reads it (another reader than pdf.js), or null where
 * poppler-utils is not installed; CI installs it and sets `CI`, and there a missing one is an error.
 */
export function pdftotext(file: Uint8Array): string | null {
  if (!commandExists('pdftotext')) {
    if (process.env.CI) throw new Error('pdftotext (poppler-utils) is not installed; .ci/run installs it')
    return null
  }
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
    input: file,
    maxBuffer: 64 * 1024 * 1024,
  }).toString('utf8')
}

/** The text of an HTML fragment, tags dropped and white space collapsed. */
export const markupText = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim()

export const commandExists = (command: string) => {
  try {
    execFileSync('which', [command], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Converts a DOCX to PDF or HTML with LibreOffice when it is installed (it proves Word
 * structure opens in another office suite); null when it is not, so a developer's machine
 * skips the check. CI installs LibreOffice and sets `CI`, and there a missing one is an error.
 */
export function convertWithLibreOffice(file: Uint8Array, format: 'pdf' | 'html'): Buffer | null {
  if (!commandExists('soffice')) {
    if (process.env.CI) throw new Error('LibreOffice (soffice) is not installed; .ci/run installs it')
    return null
  }
  const folder = mkdtempSync(join(tmpdir(), 'lagesbild-lo-'))
  try {
    writeFileSync(join(folder, 'report.docx'), file)
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${folder}/profile`,
        '--headless',
        '--convert-to',
        format === 'html' ? 'html:HTML (StarWriter)' : 'pdf',
        '--outdir',
        folder,
        join(folder, 'report.docx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    )
    return readFileSync(join(folder, `report.${format}`))
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
