import { test } from '@japa/runner'
import { renderMarkdown, sanitizeRichText } from '#services/content/rich_text'

/*
 * Classic XSS payloads, raw and inside Markdown. After cleaning, nothing may run: no script
 * elements, no event handler attributes, no javascript:/vbscript:/data: URLs, no styles, no
 * frames, forms, meta refreshes, SVG or MathML.
 */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://ok.example/a.png" onload="alert(1)">',
  '<body onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="  javascript:alert(1)">click</a>',
  '<a href="java\tscript:alert(1)">click</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
  '<a href="&#x6A;avascript&colon;alert(1)">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="javascript:alert(1)">',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<div style="position:fixed;inset:0">overlay</div>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<form action="https://evil.example"><input name="password"><button>Go</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<details open ontoggle=alert(1)>',
  '<a href="https://ok.example" onclick="alert(1)">ok</a>',
  '<<img src=x onerror=alert(1)>',
  '<!--<img src=x onerror=alert(1)>-->',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '![x](javascript:alert(1))',
  '[click](data:text/html,<script>alert(1)</script>)',
  '<a href="https://ok.example" target="_blank">new tab</a>',
]

function assertInert(assert: any, html: string, payload: string) {
  const lower = html.toLowerCase()
  assert.notMatch(lower, /<script/, payload)
  assert.notMatch(lower, /\son[a-z]+\s*=/, payload)
  assert.notMatch(lower, /(href|src)\s*=\s*"?\s*(javascript|vbscript|data):/, payload)
  for (const tag of [
    '<iframe',
    '<object',
    '<embed',
    '<form',
    '<input',
    '<meta',
    '<base',
    '<link',
    '<style',
    '<svg',
    '<math',
    '<body',
    '<details',
  ]) {
    assert.notInclude(lower, tag, payload)
  }
  assert.notInclude(lower, 'style=', payload)
  assert.notInclude(lower, 'target=', payload)
}

test.group('News / rich text sanitizer', () => {
  test('every classic XSS payload comes out inert, as HTML and as Markdown', ({ assert }) => {
    for (const payload of PAYLOADS) {
      assertInert(assert, sanitizeRichText(payload), payload)
      assertInert(assert, renderMarkdown(payload), payload)
      assertInert(assert, renderMarkdown(`Some text\n\n${payload}\n\nmore`), payload)
    }
  })

  test('links get rel="noopener noreferrer" and keep safe addresses', ({ assert }) => {
    const html = renderMarkdown(
      '[The society](https://example.org/about) and <a href="mailto:a@example.org" rel="opener">mail</a>'
    )
    assert.include(
      html,
      '<a href="https://example.org/about" rel="noopener noreferrer">The society</a>'
    )
    assert.include(html, '<a href="mailto:a@example.org" rel="noopener noreferrer">mail</a>')
  })

  test('ordinary formatting survives', ({ assert }) => {
    const html = renderMarkdown('## Agenda\n\n1. **Minutes**\n2. _Accounts_\n\n> A quote\n\n`code`')
    assert.include(html, '<h2>Agenda</h2>')
    assert.include(html, '<strong>Minutes</strong>')
    assert.include(html, '<em>Accounts</em>')
    assert.include(html, '<blockquote>')
    assert.include(html, '<code>code</code>')
  })

  test('images only from https, and lazily loaded', ({ assert }) => {
    assert.include(
      renderMarkdown('![Hall](https://example.org/hall.jpg)'),
      '<img src="https://example.org/hall.jpg" alt="Hall" loading="lazy" />'
    )
    assert.notInclude(renderMarkdown('![Hall](http://example.org/hall.jpg)'), 'src=')
  })
})
