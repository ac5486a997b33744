import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { isolateDatabase } from '#tests/helpers/database'
import MainSeeder from '#database/seeders/main_seeder'
import Document from '#models/document'
import DocumentVersion from '#models/document_version'
import Folder from '#models/folder'
import FolderGrant from '#models/folder_grant'

test.group('Documents / demo data', (group) => {
  isolateDatabase(group)

  test('the demo library is seeded once, with every level, versions and a committee grant', async ({
    assert,
    cleanup,
  }) => {
    cleanup(async () => {
      const versions = await DocumentVersion.all()
      await Promise.all(versions.map((version) => drive.use().delete(version.driveKey)))
    })
    await new MainSeeder(db.connection()).run()
    await new MainSeeder(db.connection()).run()

    const documents = await Document.query().preload('versions')
    assert.lengthOf(documents, 8)
    const folders = await Folder.all()
    const levels = new Set(folders.map((folder) => folder.accessLevel))
    assert.sameMembers([...levels], ['public', 'members', 'board', 'admin', null])
    const minutes = documents.find((document) => document.title === 'AGM minutes, March 2025')!
    assert.lengthOf(minutes.versions, 2)
    assert.lengthOf(await FolderGrant.all(), 2)
    for (const document of documents) {
      for (const version of document.versions) {
        assert.isTrue(await drive.use().exists(version.driveKey))
      }
    }
  })
})
