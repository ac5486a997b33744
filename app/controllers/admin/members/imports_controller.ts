import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import MembershipPolicy from '#policies/membership_policy'
import MemberImportService, {
  IMPORT_COLUMNS,
  ImportFileError,
} from '#services/members/member_import_service'
import { auditOrigin } from '#services/audit/audit_log_service'
import ImportMembers from '#jobs/members/import_members'
import { importConfirmValidator, importUploadValidator } from '#validators/members'

/**
 * CSV import for admins: upload, dry-run preview with per-row errors, then the import itself,
 * queued, with a report by mail.
 */
export default class ImportsController {
  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('import')
    return view.render('pages/admin/members/import/create', { columns: IMPORT_COLUMNS })
  }

  async preview(ctx: HttpContext) {
    const { auth, bouncer, request, response, session, view } = ctx
    await bouncer.with(MembershipPolicy).authorize('import')
    const { file } = await request.validateUsing(importUploadValidator)
    const bytes = await readFile(file.tmpPath!)
    let rows
    try {
      rows = await MemberImportService.preview(bytes)
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error
      session.flash('inputErrorsBag', { file: [error.message] })
      session.flash('error', error.message)
      return response.redirect().toRoute('admin.members.import.create')
    }
    const token = await MemberImportService.keep(bytes, auth.getUserOrFail())
    const count = (action: string) => rows.filter((row) => row.action === action).length
    return view.render('pages/admin/members/import/preview', {
      rows,
      token,
      counts: {
        create: count('create'),
        update: count('update'),
        unchanged: count('unchanged'),
        error: count('error'),
      },
    })
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response, session } = ctx
    await bouncer.with(MembershipPolicy).authorize('import')
    const { token } = await request.validateUsing(importConfirmValidator)
    const actor = auth.getUserOrFail()
    const key = await MemberImportService.stage(token, actor)
    if (!key) {
      session.flash(
        'error',
        'This preview has expired or was already imported. Upload the file again.'
      )
      return response.redirect().toRoute('admin.members.import.create')
    }
    await ImportMembers.dispatch({ key, actorId: actor.id, origin: auditOrigin(ctx) })
    session.flash(
      'success',
      'The import is running. You will receive a report by email when it is done.'
    )
    return response.redirect().toRoute('admin.members.index')
  }
}
