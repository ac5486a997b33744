import { createHash, randomUUID } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import env from '#start/env'
import Folder from '#models/folder'
import FolderGrant from '#models/folder_grant'
import Document from '#models/document'
import User from '#models/user'
import DocumentService from '#services/documents/document_service'
import { simplePdf } from '#services/documents/simple_pdf'
import type { AccessLevel } from '#services/documents/library_access'
import type { ReceivedFile } from '#services/documents/upload_receiver'

interface DemoDocument {
  title: string
  description: string
  tags: string
  fileName: string
  lines?: string[]
  text?: string
  accessLevel?: AccessLevel
  reviewInDays?: number
  versions?: Array<{ lines: string[]; note: string }>
}

interface DemoFolder {
  name: string
  accessLevel: AccessLevel | null
  documents: DemoDocument[]
  children?: DemoFolder[]
  /** Named access, by email. */
  grants?: Array<{ email: string; permission: 'read' | 'edit' }>
}

const LIBRARY: DemoFolder[] = [
  {
    name: 'Statutes and rules',
    accessLevel: 'public',
    documents: [
      {
        title: 'Statutes of the society',
        description: 'As adopted at the founding meeting and amended by the AGM of 2024.',
        tags: 'statutes, governance',
        fileName: 'Statutes.pdf',
        lines: [
          'Statutes of the society',
          'Article 1 - Name and seat',
          'Article 2 - Purpose',
          'Article 3 - Membership',
        ],
        reviewInDays: 200,
      },
      {
        title: 'Code of conduct',
        description: 'How we treat each other on walks, at meetings and online.',
        tags: 'rules, conduct',
        fileName: 'Code of conduct.pdf',
        lines: ['Code of conduct', 'Be kind, be punctual, leave no trace.'],
      },
    ],
  },
  {
    name: 'General meetings',
    accessLevel: 'members',
    documents: [
      {
        title: 'Attendance list template',
        description: 'Print one for each general meeting.',
        tags: 'template, agm',
        fileName: 'attendance.csv',
        text: 'name,membership number,signature\n,,\n,,\n',
      },
    ],
    children: [
      {
        name: '2025',
        accessLevel: null,
        documents: [
          {
            title: 'AGM minutes, March 2025',
            description: 'Minutes of the annual general meeting held at the Corn Exchange.',
            tags: 'minutes, agm, 2025',
            fileName: 'AGM minutes 2025.pdf',
            lines: ['Annual General Meeting - 15 March 2025', 'Draft for comments'],
            versions: [
              {
                lines: [
                  'Annual General Meeting - 15 March 2025',
                  'Approved by the meeting of 14 March 2026',
                ],
                note: 'Approved version',
              },
            ],
          },
          {
            title: "Treasurer's report 2024",
            description: 'Income, expenses and the reserve, presented to the AGM.',
            tags: 'finance, agm, 2025',
            fileName: 'Treasurer report 2024.pdf',
            lines: ["Treasurer's report 2024", 'Subscriptions: 4,120', 'Walks and outings: 1,830'],
          },
        ],
      },
    ],
  },
  {
    name: 'Board',
    accessLevel: 'board',
    documents: [
      {
        title: 'Board meeting notes, January',
        description: 'Planning of the year, venue bookings, insurance renewal.',
        tags: 'minutes, board',
        fileName: 'Board notes January.pdf',
        lines: ['Board meeting - January', 'Insurance renewal due in April'],
        reviewInDays: -2,
      },
    ],
    children: [
      {
        name: 'Summer festival committee',
        accessLevel: null,
        grants: [
          { email: 'member@example.org', permission: 'edit' },
          { email: 'tomasz.nowak@example.org', permission: 'read' },
        ],
        documents: [
          {
            title: 'Festival plan',
            description: 'Stalls, volunteers and the timetable for the summer festival.',
            tags: 'festival, planning',
            fileName: 'Festival plan.pdf',
            lines: ['Summer festival plan', 'Stalls from 10 am, music from 4 pm'],
          },
        ],
      },
    ],
  },
  {
    name: 'Administration',
    accessLevel: 'admin',
    documents: [
      {
        title: 'Data protection register',
        description: 'What personal data the society holds, why, and for how long.',
        tags: 'privacy, gdpr',
        fileName: 'register.txt',
        text: 'Membership register: name, email, phone. Kept while a member and one year after.\n',
      },
    ],
  },
]

/**
 * A believable document library for the demo: public statutes, members' minutes with an
 * earlier version, board papers with a committee folder opened to named members, and an
 * admin-only register. Running it again adds nothing twice.
 */
export default class DocumentsSeeder extends BaseSeeder {
  static environment = env.get('SEED_DEMO_DATA')
    ? ['development', 'test', 'production']
    : ['development', 'test']

  async run() {
    const owner = await User.findBy('email', 'board@example.org', { client: this.client })
    if (!owner) return
    for (const folder of LIBRARY) {
      await this.#seedFolder(folder, null, owner)
    }
  }

  async #seedFolder(spec: DemoFolder, parent: Folder | null, owner: User) {
    const query = Folder.query({ client: this.client }).where('name', spec.name)
    if (parent) query.where('parent_id', parent.id)
    else query.whereNull('parent_id')
    const folder =
      (await query.first()) ??
      (await Folder.create(
        {
          name: spec.name,
          accessLevel: spec.accessLevel,
          parentId: parent?.id ?? null,
          createdById: owner.id,
        },
        { client: this.client }
      ))

    for (const grant of spec.grants ?? []) {
      const grantee = await User.findBy('email', grant.email, { client: this.client })
      if (grantee) {
        await FolderGrant.firstOrCreate(
          { folderId: folder.id, userId: grantee.id },
          { permission: grant.permission },
          { client: this.client }
        )
      }
    }

    for (const item of spec.documents) {
      const exists = await Document.query({ client: this.client })
        .where('folder_id', folder.id)
        .where('title', item.title)
        .first()
      if (exists) continue
      const bytes =
        item.text !== undefined ? Buffer.from(item.text) : simplePdf(item.lines ?? [item.title])
      const document = await DocumentService.create(
        owner,
        folder,
        {
          title: item.title,
          description: item.description,
          tags: item.tags,
          accessLevel: item.accessLevel ?? null,
          reviewOn:
            item.reviewInDays === undefined
              ? null
              : DateTime.utc().plus({ days: item.reviewInDays }).toJSDate(),
        },
        await DocumentsSeeder.#file(bytes, item.fileName),
        'First version'
      )
      for (const version of item.versions ?? []) {
        await DocumentService.addVersion(
          owner,
          document,
          await DocumentsSeeder.#file(simplePdf(version.lines), item.fileName),
          version.note
        )
      }
    }

    for (const child of spec.children ?? []) {
      await this.#seedFolder(child, folder, owner)
    }
  }

  static async #file(bytes: Buffer, clientName: string): Promise<ReceivedFile> {
    const directory = app.tmpPath('document-uploads')
    await mkdir(directory, { recursive: true })
    const tmpPath = `${directory}/${randomUUID()}`
    await writeFile(tmpPath, bytes)
    return {
      tmpPath,
      clientName,
      size: bytes.length,
      checksum: createHash('sha256').update(bytes).digest('hex'),
      discard: () => rm(tmpPath, { force: true }),
    }
  }
}
