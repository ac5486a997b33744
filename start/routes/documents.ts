import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import {
  documentDownloadIpThrottle,
  documentDownloadUserThrottle,
  globalThrottle,
} from '#start/limiter'

/*
 * The document library. Every route finds its folder or document and asks FolderPolicy or
 * DocumentPolicy; what a viewer may not read answers 404. Visitors may browse public folders.
 */
router
  .group(() => {
    router.get('/documents', [controllers.documents.Library, 'index']).as('documents.index')
    router.get('/documents/folders/:id', [controllers.documents.Folders, 'show']).as('folders.show')
    router.get('/documents/:id', [controllers.documents.Documents, 'show']).as('documents.show')
  })
  .where('id', router.matchers.number())
  .use(globalThrottle)

router
  .group(() => {
    router
      .get('/documents/:id/download', [controllers.documents.DocumentDownloads, 'current'])
      .as('documents.download')
    router
      .get('/documents/:id/versions/:versionId/download', [
        controllers.documents.DocumentDownloads,
        'version',
      ])
      .as('document_versions.download')
  })
  .where('id', router.matchers.number())
  .where('versionId', router.matchers.number())
  .use([documentDownloadIpThrottle, documentDownloadUserThrottle])

router
  .group(() => {
    router
      .get('/documents/folders/new', [controllers.documents.Folders, 'create'])
      .as('folders.create')
    router.post('/documents/folders', [controllers.documents.Folders, 'store']).as('folders.store')
    router
      .group(() => {
        router.get('/edit', [controllers.documents.Folders, 'edit']).as('folders.edit')
        router.put('/', [controllers.documents.Folders, 'update']).as('folders.update')
        router.delete('/', [controllers.documents.Folders, 'destroy']).as('folders.destroy')
        router
          .post('/grants', [controllers.documents.FolderGrants, 'store'])
          .as('folder_grants.store')
        router
          .delete('/grants/:grantId', [controllers.documents.FolderGrants, 'destroy'])
          .as('folder_grants.destroy')
          .where('grantId', router.matchers.number())
        router
          .get('/documents/new', [controllers.documents.Documents, 'create'])
          .as('documents.create')
        // Multipart read by the controller: listed in config/bodyparser.ts processManually.
        router.post('/documents', [controllers.documents.Documents, 'store']).as('documents.store')
      })
      .prefix('/documents/folders/:id')
      .where('id', router.matchers.number())

    router
      .group(() => {
        router.get('/edit', [controllers.documents.Documents, 'edit']).as('documents.edit')
        router.put('/', [controllers.documents.Documents, 'update']).as('documents.update')
        router.delete('/', [controllers.documents.Documents, 'destroy']).as('documents.destroy')
        // Multipart read by the controller: listed in config/bodyparser.ts processManually.
        router
          .post('/versions', [controllers.documents.DocumentVersions, 'store'])
          .as('document_versions.store')
        router
          .post('/versions/:versionId/restore', [controllers.documents.DocumentVersions, 'restore'])
          .as('document_versions.restore')
          .where('versionId', router.matchers.number())
      })
      .prefix('/documents/:id')
      .where('id', router.matchers.number())
  })
  .use([globalThrottle, middleware.auth(), middleware.verified()])
