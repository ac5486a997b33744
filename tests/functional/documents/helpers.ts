import { randomInt, randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import { UserFactory } from '#database/factories/user_factory'
import Folder from '#models/folder'
import DocumentVersion from '#models/document_version'
import type Document from '#models/document'
import type User from '#models/user'
import DocumentService from '#services/documents/document_service'
import { simplePdf } from '#services/documents/simple_pdf'
import type { AccessLevel } from '#services/documents/library_access'
import type { ReceivedFile } from '#services/documents/upload_receiver'
import { createHash } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { ApiRequest, type ApiClient, type ApiResponse } from '@japa/api-client'

// Downloads answer with binary types the HTTP client does not buffer by itself.
const collectBytes: Parameters<typeof ApiRequest.addParser>[1] = (response, done) => {
  const stream = response as unknown as NodeJS.ReadableStream
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.on('end', () => done(null, Buffer.concat(chunks)))
}
for (const type of ['application/pdf', 'application/octet-stream']) {
  ApiRequest.addParser(type, collectBytes)
}

/** Sends a request and checks the status it answered with. */
export async function expectStatus(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}

/** The bytes of a downloaded file. */
export function bytesOf(response: ApiResponse) {
  const body = response.body()
  return Buffer.isBuffer(body) ? body : Buffer.from(response.text() ?? '', 'utf8')
}

/** A small valid PDF showing `text`. */
export function minimalPdf(text = 'Guildhall test document') {
  return simplePdf(text)
}

export function sha256(bytes: Buffer) {
  return createHash('sha256').update(bytes).digest('hex')
}

export function randomIp() {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`
}

export const roles = {
  admin: () => UserFactory.apply('admin').create(),
  board: () => UserFactory.apply('board').create(),
  member: () => UserFactory.create(),
  user: () => UserFactory.apply('nonMember').create(),
}

export function makeFolder(
  name: string,
  accessLevel: AccessLevel | null,
  parent: Folder | null = null,
  quotaBytes: number | null = null
) {
  return Folder.create({ name, accessLevel, parentId: parent?.id ?? null, quotaBytes })
}

/**
 * A file as the upload receiver hands it over, for adding documents without HTTP.
 */
export async function receivedFile(bytes: Buffer, clientName: string): Promise<ReceivedFile> {
  const directory = app.tmpPath('document-uploads')
  await mkdir(directory, { recursive: true })
  const tmpPath = `${directory}/${randomUUID()}`
  await writeFile(tmpPath, bytes)
  return {
    tmpPath,
    clientName,
    size: bytes.length,
    checksum: sha256(bytes),
    discard: () => rm(tmpPath, { force: true }),
  }
}

/**
 * A document with one PDF version, added by `owner` through the service.
 */
export async function makeDocument(
  owner: User,
  folder: Folder,
  details: {
    title?: string
    accessLevel?: AccessLevel | null
    tags?: string
    description?: string
  } = {},
  bytes = minimalPdf()
) {
  return DocumentService.create(
    owner,
    folder,
    { title: details.title ?? 'Annual report', ...details },
    await receivedFile(bytes, 'report.pdf'),
    null
  )
}

export async function versionsOf(document: Document) {
  return DocumentVersion.query().where('document_id', document.id).orderBy('number')
}

/** Removes the files a test stored on the drive. */
export async function deleteFilesOf(document: Document) {
  const versions = await versionsOf(document)
  await Promise.all(versions.map((version) => drive.use().delete(version.driveKey)))
}

/*
 * The library's forms, sent over HTTP as `user` with a CSRF token. Each answers without
 * following redirects, so a test sees the 302 of a saved form and the flash messages it set.
 */

function submitted(request: ApiRequest, user: User) {
  return request.loginAs(user).withCsrfToken().redirects(0)
}

interface FolderForm {
  name: string
  accessLevel?: string
  parentId?: number
}

export function createFolder(client: ApiClient, user: User, fields: FolderForm) {
  return submitted(client.post('/documents/folders').form(fields), user)
}

export function updateFolder(client: ApiClient, user: User, folder: Folder, fields: FolderForm) {
  return submitted(client.put(`/documents/folders/${folder.id}`).form(fields), user)
}

export function grantFolder(
  client: ApiClient,
  user: User,
  folder: Folder,
  fields: { email: string; permission: 'read' | 'edit' }
) {
  return submitted(client.post(`/documents/folders/${folder.id}/grants`).form(fields), user)
}

export function updateDocument(
  client: ApiClient,
  user: User,
  document: Document,
  fields: {
    title: string
    folderId: number
    description?: string
    tags?: string
    accessLevel?: string
    reviewOn?: string
  }
) {
  return submitted(client.put(`/documents/${document.id}`).form(fields), user)
}

/** What the upload forms send: the file as the browser names it, and the form's fields. */
interface Upload {
  file: Buffer
  filename: string
  contentType?: string
  title?: string
  description?: string
  tags?: string
  changeNote?: string
}

function withFile(request: ApiRequest, { file, filename, contentType, ...fields }: Upload) {
  return request.fields(fields).file('file', file, { filename, contentType })
}

/** Sends the upload form of `folder`: a new document. */
export function uploadDocument(client: ApiClient, user: User, folder: Folder, upload: Upload) {
  return submitted(withFile(client.post(`/documents/folders/${folder.id}/documents`), upload), user)
}

/** Sends the new-version form of `document`. */
export function uploadVersion(client: ApiClient, user: User, document: Document, upload: Upload) {
  return submitted(withFile(client.post(`/documents/${document.id}/versions`), upload), user)
}
