import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import MembershipPolicy from '#policies/membership_policy'
import MemberImportService, {
  IMPORT_COLUMNS,
  ImportFileError,
} from '#services/members/member_import_service'
import { importConfirmValidator, importUploadValidator } from '#validators/members'

/** CSV import for admins: upload, dry-run preview with per-row errors, then import. */
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
    const bytes = await MemberImportService.load(token, actor)
    if (!bytes) {
      session.flash(
        'error',
        'This preview has expired or was already imported. Upload the file again.'
      )
      return response.redirect().toRoute('admin.members.import.create')
    }
    const result = await MemberImportService.import(bytes, actor, ctx)
    await MemberImportService.discard(token, actor)
    session.flash(
      'success',
      `Import done: ${result.created} created (invited to choose a password), ${result.updated} updated, ${result.unchanged} unchanged, ${result.failed} rows skipped for errors.`
    )
    return response.redirect().toRoute('admin.members.index')
  }
}
