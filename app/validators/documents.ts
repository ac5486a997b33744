import vine from '@vinejs/vine'
import { ACCESS_LEVELS } from '#services/documents/library_access'
import { GRANT_PERMISSIONS } from '#models/folder_grant'

const title = () => vine.string().trim().minLength(1).maxLength(200)
const description = () => vine.string().trim().maxLength(5000).nullable().optional()
const tags = () => vine.string().trim().maxLength(500).nullable().optional()
// An empty choice means "inherit from the folder".
const level = () => vine.enum(ACCESS_LEVELS).nullable().optional()
const reviewOn = () =>
  vine
    .date({ formats: ['YYYY-MM-DD'] })
    .nullable()
    .optional()
const folderName = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(120)
    .regex(/^[^/\\<>]+$/)
const quotaMb = () => vine.number().withoutDecimals().min(1).max(1_000_000).nullable().optional()
const changeNote = () => vine.string().trim().maxLength(500).nullable().optional()

export const folderValidator = vine.create({
  name: folderName(),
  accessLevel: level(),
  quotaMb: quotaMb(),
})

export const folderUpdateValidator = vine.create({
  name: folderName(),
  accessLevel: level(),
  quotaMb: quotaMb(),
  // Empty moves the folder to the top of the library.
  parentId: vine.number().withoutDecimals().min(1).nullable().optional(),
})

export const grantValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
  permission: vine.enum(GRANT_PERMISSIONS),
})

/** The fields sent with a new document's first file. */
export const newDocumentValidator = vine.create({
  title: title(),
  description: description(),
  tags: tags(),
  accessLevel: level(),
  reviewOn: reviewOn(),
  changeNote: changeNote(),
})

export const newVersionValidator = vine.create({
  changeNote: changeNote(),
})

export const documentValidator = vine.create({
  title: title(),
  description: description(),
  tags: tags(),
  accessLevel: level(),
  reviewOn: reviewOn(),
  folderId: vine.number().withoutDecimals().min(1),
})

export const searchValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  tag: vine.string().trim().maxLength(40).optional(),
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
})
