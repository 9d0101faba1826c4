import { isSafeLink } from '@lagesbild/shared/domain/document-model'
import type { EditorDoc } from '@lagesbild/shared/domain/rich-text'
import Heading from '@tiptap/extension-heading'
import { ListItem } from '@tiptap/extension-list'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'
import { type Editor, EditorContent, mergeAttributes, useEditor, useEditorState } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useTranslation } from 'react-i18next'

/**
 * The section editor: TipTap (ProseMirror) limited to what a report needs – headings 2–3,
 * paragraphs, lists, bold, italic, links and simple tables – so everything written can be
 * rendered to Word and PDF. Loaded as its own chunk the first time an editor is shown.
 */
/**
 * Headings are stored as levels 2–3, as the document model and the Word and PDF renderings have
 * them, but on the page the editor sits under the section's h3: shown two levels deeper, so the
 * page's outline does not jump back to h2 inside a section. Pasted h2–h5 read back as 2–3.
 */
const PAGE_LEVEL_OFFSET = 2
const SectionHeading = Heading.extend({
  parseHTML() {
    return [2, 3].flatMap((level) => [
      { tag: `h${level}`, attrs: { level } },
      { tag: `h${level + PAGE_LEVEL_OFFSET}`, attrs: { level } },
    ])
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      `h${Number(node.attrs.level) + PAGE_LEVEL_OFFSET}`,
      mergeAttributes(this.options.HTMLAttributes, HTMLAttributes),
      0,
    ]
  },
}).configure({ levels: [2, 3] })

const extensions = [
  StarterKit.configure({
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    listItem: false,
    heading: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      protocols: ['http', 'https', 'mailto'],
      isAllowedUri: (url) => isSafeLink(url),
    },
  }),
  // A list item holds text and lists only, a cell only paragraphs: what the document model keeps.
  SectionHeading,
  ListItem.extend({ content: 'paragraph (bulletList | orderedList)*' }),
  Table.configure({ resizable: false }),
  TableRow,
  TableHeader.extend({ content: 'paragraph+' }),
  TableCell.extend({ content: 'paragraph+' }),
]

export interface RichTextEditorProps {
  initial: EditorDoc
  onChange: (doc: EditorDoc) => void
  labelledBy: string
  describedBy: string
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation('reports')
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
      table: e.isActive('table'),
    }),
  })
  const chain = () => editor.chain().focus()

  function link() {
    if (state.link) {
      chain().extendMarkRange('link').unsetLink().run()
      return
    }
    const href = window.prompt(t('toolbar.linkPrompt'), 'https://')?.trim()
    if (href && isSafeLink(href)) chain().extendMarkRange('link').setLink({ href }).run()
  }

  const toggle = (label: string, pressed: boolean, run: () => void) => (
    <button type="button" className="rich-text__tool" aria-pressed={pressed} onClick={run}>
      {label}
    </button>
  )

  return (
    <div className="rich-text__toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {toggle(t('toolbar.heading2'), state.h2, () => chain().toggleHeading({ level: 2 }).run())}
      {toggle(t('toolbar.heading3'), state.h3, () => chain().toggleHeading({ level: 3 }).run())}
      {toggle(t('toolbar.bold'), state.bold, () => chain().toggleBold().run())}
      {toggle(t('toolbar.italic'), state.italic, () => chain().toggleItalic().run())}
      {toggle(t('toolbar.bulletList'), state.bulletList, () => chain().toggleBulletList().run())}
      {toggle(t('toolbar.orderedList'), state.orderedList, () => chain().toggleOrderedList().run())}
      {toggle(state.link ? t('toolbar.removeLink') : t('toolbar.link'), state.link, link)}
      {state.table ? (
        <>
          <button type="button" className="rich-text__tool" onClick={() => chain().addRowAfter().run()}>
            {t('toolbar.addRow')}
          </button>
          <button type="button" className="rich-text__tool" onClick={() => chain().addColumnAfter().run()}>
            {t('toolbar.addColumn')}
          </button>
          <button type="button" className="rich-text__tool" onClick={() => chain().deleteTable().run()}>
            {t('toolbar.deleteTable')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="rich-text__tool"
          onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        >
          {t('toolbar.table')}
        </button>
      )}
    </div>
  )
}

export function RichTextEditor({ initial, onChange, labelledBy, describedBy }: RichTextEditorProps) {
  const editor = useEditor({
    extensions,
    // The CSP forbids the <style> element TipTap would add; its rules are in reports.css.
    injectCSS: false,
    content: initial,
    editorProps: {
      attributes: {
        class: 'rich-text__content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelledBy,
        'aria-describedby': describedBy,
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.getJSON() as EditorDoc),
  })
  if (!editor) return null
  return (
    <div className="rich-text">
      <Toolbar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  )
}
