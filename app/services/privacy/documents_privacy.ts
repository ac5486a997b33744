import Document from '#models/document'
import DocumentDownload from '#models/document_download'
import DocumentVersion from '#models/document_version'
import FolderGrant from '#models/folder_grant'
import privacyRegistry from '#services/privacy/privacy_registry'

/*
 * Documents: what a person looks after, the versions they uploaded, what they downloaded and
 * the folders opened to them. The documents were written for the association and stay; their
 * uploads are then shown as by a "Former member" (the anonymised account). Downloads are kept
 * as counts without the person, and named access to folders ends.
 */
privacyRegistry.register({
  name: 'documents',
  async export(user) {
    const [owned, versions, downloads, grants] = await Promise.all([
      Document.query().where('owner_id', user.id).orderBy('id'),
      DocumentVersion.query().where('uploaded_by_id', user.id).preload('document').orderBy('id'),
      DocumentDownload.query()
        .where('user_id', user.id)
        .preload('version', (version) => version.preload('document'))
        .orderBy('id'),
      FolderGrant.query().where('user_id', user.id).preload('folder').orderBy('id'),
    ])
    return {
      data: {
        documentsYouLookAfter: owned.map((document) => ({
          title: document.title,
          reviewOn: document.reviewOn?.toISODate() ?? null,
          createdAt: document.createdAt.toISO(),
        })),
        versionsYouUploaded: versions.map((version) => ({
          document: version.document?.title ?? null,
          version: version.number,
          fileName: version.fileName,
          sizeBytes: version.sizeBytes,
          checksum: version.checksum,
          changeNote: version.changeNote,
          uploadedAt: version.createdAt.toISO(),
        })),
        downloads: downloads.map((download) => ({
          document: download.version?.document?.title ?? null,
          version: download.version?.number ?? null,
          at: download.createdAt.toISO(),
        })),
        folderAccess: grants.map((grant) => ({
          folder: grant.folder?.name ?? null,
          permission: grant.permission,
          since: grant.createdAt.toISO(),
        })),
      },
    }
  },
  async erase(user, trx) {
    await DocumentDownload.query({ client: trx })
      .where('user_id', user.id)
      .update({ user_id: null })
    await FolderGrant.query({ client: trx }).where('user_id', user.id).delete()
    await Document.query({ client: trx }).where('owner_id', user.id).update({ owner_id: null })
  },
})
