import { test } from '@japa/runner'
import { checkFileAgainst, isPlainText } from '#services/uploads/file_type'
import { DOCUMENT_FILE_KINDS } from '#services/documents/document_files'
import { dispositionHeader, sanitizeFileName } from '#services/documents/file_names'
import { parseRange } from '#services/documents/download_service'
import ClamdScanner from '#services/documents/clamd_scanner'

test.group('Documents / file names', () => {
  test('only the last segment of a path is kept, without control or reserved characters', ({
    assert,
  }) => {
    assert.equal(sanitizeFileName('../../etc/passwd.pdf', 'pdf'), 'passwd.pdf')
    assert.equal(sanitizeFileName('..\\..\\boot.ini.pdf', 'pdf'), 'boot.ini.pdf')
    assert.equal(sanitizeFileName('a\r\nb<>:"|?*.pdf', 'pdf'), 'ab.pdf')
    assert.equal(sanitizeFileName('...', 'pdf'), 'document.pdf')
    assert.equal(sanitizeFileName('Café report.txt', 'pdf'), 'Café report.pdf')
    assert.isAtMost(sanitizeFileName(`${'x'.repeat(400)}.pdf`, 'pdf').length, 180)
  })

  test('Content-Disposition carries an ASCII fallback and the UTF-8 name (RFC 6266)', ({
    assert,
  }) => {
    assert.equal(
      dispositionHeader('Café report.pdf', false),
      `attachment; filename="Cafe report.pdf"; filename*=UTF-8''Caf%C3%A9%20report.pdf`
    )
    assert.equal(dispositionHeader('plan.pdf', true), 'inline; filename="plan.pdf"')
    assert.match(
      dispositionHeader('会議録.pdf', false),
      /^attachment; filename="___.pdf"; filename\*=UTF-8''/
    )
  })
})

test.group('Documents / file types', () => {
  test('plain text is clean UTF-8 without NUL bytes or markup', ({ assert }) => {
    assert.isTrue(isPlainText(Buffer.from('name,amount\nAnna,12\n')))
    assert.isFalse(isPlainText(Buffer.from([0x61, 0x00, 0x62])))
    assert.isFalse(isPlainText(Buffer.from([0xff, 0xfe, 0x41])))
    assert.isFalse(isPlainText(Buffer.from('<!DOCTYPE html><p>hi</p>')))
    assert.isFalse(isPlainText(Buffer.from('  <svg onload="alert(1)"/>')))
  })

  test('the content decides; the name must agree', async ({ assert }) => {
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')
    assert.deepInclude(await checkFileAgainst(pdf, 'a.pdf', DOCUMENT_FILE_KINDS), {
      ok: true,
      ext: 'pdf',
    })
    const renamed = await checkFileAgainst(pdf, 'a.odt', DOCUMENT_FILE_KINDS)
    assert.isFalse(renamed.ok)
    const html = await checkFileAgainst(Buffer.from('<html></html>'), 'a.pdf', DOCUMENT_FILE_KINDS)
    assert.isFalse(html.ok)
    const csv = await checkFileAgainst(Buffer.from('a,b\n1,2\n'), 'x.CSV', DOCUMENT_FILE_KINDS)
    assert.deepInclude(csv, { ok: true, ext: 'csv' })
    const unknown = await checkFileAgainst(Buffer.from('a,b'), 'x.html', DOCUMENT_FILE_KINDS)
    assert.isFalse(unknown.ok)
  })
})

test.group('Documents / ranges and scanner replies', () => {
  test('byte ranges are parsed like RFC 9110 says', ({ assert }) => {
    assert.isNull(parseRange(undefined, 100))
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 })
    assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 })
    assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 })
    assert.deepEqual(parseRange('bytes=50-500', 100), { start: 50, end: 99 })
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable')
    assert.isNull(parseRange('bytes=0-1,5-6', 100))
    assert.isNull(parseRange('items=0-1', 100))
  })

  test('clamd replies are read strictly', ({ assert }) => {
    assert.deepEqual(ClamdScanner.parseReply('stream: OK\0'), { status: 'clean' })
    assert.deepEqual(ClamdScanner.parseReply('stream: Eicar-Test-Signature FOUND\0'), {
      status: 'infected',
      signature: 'Eicar-Test-Signature',
    })
    assert.throws(() => ClamdScanner.parseReply('INSTREAM size limit exceeded. ERROR\0'))
    assert.throws(() => ClamdScanner.parseReply(''))
  })
})
