/** What `vite build --manifest` records per chunk (the parts the budget reads). */
export interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}

export type Manifest = Record<string, ManifestChunk>

/** The most JavaScript, gzipped, a first visit may download before the app can start. */
export const INITIAL_JS_BUDGET_BYTES = 200 * 1024

/**
 * The JavaScript files a first page load needs: every entry and, transitively, what it imports
 * statically. Dynamic imports (lazy routes, the editor, charts) are left out: they load later.
 */
export function initialFiles(manifest: Manifest): string[] {
  const seen = new Set<string>()
  const files: string[] = []
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) return
    if (chunk.file.endsWith('.js')) files.push(chunk.file)
    for (const next of chunk.imports ?? []) visit(next)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  return files
}

export interface BudgetReport {
  files: { file: string; gzipBytes: number }[]
  totalBytes: number
  budgetBytes: number
  withinBudget: boolean
}

export function judgeBudget(
  files: { file: string; gzipBytes: number }[],
  budgetBytes = INITIAL_JS_BUDGET_BYTES,
): BudgetReport {
  const totalBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0)
  return {
    files: [...files].sort((a, b) => b.gzipBytes - a.gzipBytes),
    totalBytes,
    budgetBytes,
    withinBudget: totalBytes <= budgetBytes,
  }
}
