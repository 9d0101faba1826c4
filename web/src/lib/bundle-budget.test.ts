import { describe, expect, it } from 'vitest'
import { initialFiles, judgeBudget, type Manifest } from './bundle-budget'

const manifest: Manifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_i18n.js'],
    dynamicImports: ['editor.tsx'],
  },
  '_i18n.js': { file: 'assets/i18n.js', imports: ['_shared.js'] },
  '_shared.js': { file: 'assets/shared.js', imports: ['_i18n.js'] },
  'editor.tsx': { file: 'assets/editor.js', imports: ['_tiptap.js'] },
  '_tiptap.js': { file: 'assets/tiptap.js' },
}

describe('bundle budget', () => {
  it('counts the entry and what it imports statically, not lazy chunks', () => {
    expect(initialFiles(manifest).sort()).toEqual(['assets/i18n.js', 'assets/index.js', 'assets/shared.js'])
  })

  it('fails above the budget and passes at it', () => {
    expect(judgeBudget([{ file: 'a.js', gzipBytes: 100 }], 100).withinBudget).toBe(true)
    const over = judgeBudget(
      [
        { file: 'a.js', gzipBytes: 60 },
        { file: 'b.js', gzipBytes: 41 },
      ],
      100,
    )
    expect(over).toMatchObject({ withinBudget: false, totalBytes: 101 })
    expect(over.files[0]?.file).toBe('a.js')
  })
})
