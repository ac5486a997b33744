import { test } from '@japa/runner'
import AttendeeService from '#services/events/attendee_service'
import { newTicketCode } from '#services/events/registration_service'

test.group('Events / CSV cells and ticket codes', () => {
  test('cells that a spreadsheet would run as formulas get a leading quote', ({ assert }) => {
    assert.equal(AttendeeService.csvCell('=1+1'), "'=1+1")
    assert.equal(AttendeeService.csvCell('+31 6 1234'), "'+31 6 1234")
    assert.equal(AttendeeService.csvCell('-2'), "'-2")
    assert.equal(AttendeeService.csvCell('@SUM(A1)'), "'@SUM(A1)")
    assert.equal(AttendeeService.csvCell('\tx'), "'\tx")
    assert.equal(AttendeeService.csvCell('\rx'), `"'\rx"`)
    assert.equal(AttendeeService.csvCell('Anna, "Annie"'), '"Anna, ""Annie"""')
    assert.equal(AttendeeService.csvCell('plain'), 'plain')
    assert.equal(AttendeeService.csvCell(null), '')
    assert.equal(AttendeeService.csvCell(2), '2')
  })

  test('ticket codes are 10 unambiguous characters and do not repeat', ({ assert }) => {
    const codes = new Set(Array.from({ length: 2000 }, () => newTicketCode()))
    assert.equal(codes.size, 2000)
    for (const code of codes) assert.match(code, /^[A-HJKMNP-Z2-9]{10}$/)
  })
})
