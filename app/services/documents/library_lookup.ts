import type { HttpContext } from '@adonisjs/core/http'
import Document from '#models/document'
import Folder from '#models/folder'
import DocumentPolicy from '#policies/document_policy'
import FolderPolicy from '#policies/folder_policy'
import { notFound } from '#exceptions/not_found'

type Bouncer = HttpContext['bouncer']

function asId(value: unknown) {
  const id = Number(value)
  return Number.isInteger(id) && id > 0 ? id : null
}

/**
 * A folder the viewer may see, or the same 404 as a missing one, so a URL never tells which
 * closed folders exist. With `action`, that is then authorised too: seeing a folder one may
 * not change answers 403.
 */
export async function visibleFolder(
  bouncer: Bouncer,
  value: unknown,
  action?: 'update' | 'delete' | 'manageGrants' | 'upload'
) {
  const id = asId(value)
  const folder = id === null ? null : await Folder.find(id)
  if (!folder || (await bouncer.with(FolderPolicy).denies('view', folder))) throw notFound()
  if (action) await bouncer.with(FolderPolicy).authorize(action, folder)
  return folder
}

/** The same for a document: 404 when missing or unreadable, then 403 when `action` is denied. */
export async function visibleDocument(
  bouncer: Bouncer,
  value: unknown,
  action?: 'update' | 'delete'
) {
  const id = asId(value)
  const document = id === null ? null : await Document.find(id)
  if (!document || (await bouncer.with(DocumentPolicy).denies('view', document))) {
    throw notFound()
  }
  if (action) await bouncer.with(DocumentPolicy).authorize(action, document)
  return document
}
