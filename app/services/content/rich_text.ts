import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

/*
 * The one allow-list for HTML written by people and shown to others. Anything not listed
 * (scripts, event handlers, styles, iframes, forms, SVG, meta) is dropped; URLs keep only
 * http(s), mailto and same-site paths, so `javascript:` and `data:` links cannot survive,
 * however they are encoded (sanitize-html decodes entities before checking the scheme).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    'b',
    'i',
    's',
    'del',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'hr',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside dropped elements such as <script> and <style> is dropped with them.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'svg', 'math'],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer' },
    }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
}

// A private instance, so no other module's marked options change how posts render.
const markdown = new Marked({ gfm: true, breaks: false, async: false })

/**
 * Cleans HTML against the allow-list. Store its output; never render the raw input.
 */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS)
}

/**
 * Markdown (with any inline HTML it contains) to safe HTML.
 */
export function renderMarkdown(source: string): string {
  return sanitizeRichText(markdown.parse(source, { async: false }))
}

/**
 * Plain text for summaries, mail bodies and search snippets.
 */
export function toPlainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim()
}
