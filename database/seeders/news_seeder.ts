import { DateTime } from 'luxon'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import env from '#start/env'
import Post, { type PostVisibility } from '#models/post'
import PostCategory from '#models/post_category'
import PostTag from '#models/post_tag'
import User from '#models/user'
import { renderMarkdown } from '#services/content/rich_text'

const CATEGORIES = [
  {
    slug: 'announcements',
    name: 'Announcements',
    description: 'Decisions of the board and notices to all members.',
    position: 1,
  },
  {
    slug: 'walks-and-outings',
    name: 'Walks and outings',
    description: 'Reports from our walking group and upcoming outings.',
    position: 2,
  },
  {
    slug: 'committee',
    name: 'Committee news',
    description: 'Minutes and news from the committees.',
    position: 3,
  },
]

interface DemoPost {
  slug: string
  title: string
  summary: string
  body: string
  category: string
  tags: string[]
  visibility: PostVisibility
  author: string
  daysAgo: number
  pinned?: boolean
}

const POSTS: DemoPost[] = [
  {
    slug: 'annual-general-meeting-2026',
    title: 'Annual General Meeting on 14 March',
    summary: 'All members are invited to the AGM at the Corn Exchange. Papers are on the way.',
    body: "Dear members,\n\nThe **Annual General Meeting** takes place on *Saturday 14 March* at 2 pm in the Corn Exchange, upstairs room.\n\n## Agenda\n\n1. Minutes of the last meeting\n2. Treasurer's report and the accounts\n3. Election of the board\n4. Any other business\n\nNominations for the board reach the secretary by 28 February. Tea and cake afterwards.",
    category: 'announcements',
    tags: ['AGM', 'Board'],
    visibility: 'public',
    author: 'admin@example.org',
    daysAgo: 2,
    pinned: true,
  },
  {
    slug: 'subscriptions-for-the-new-year',
    title: 'Subscriptions for the new year',
    summary: 'The annual subscription stays at £25; concessions at £12.',
    body: "The board agreed to keep the subscription at **£25** for another year, and £12 for students and retired members.\n\nYou can pay by bank transfer (details in the members' area) or at any meeting. Thank you to everyone who has already renewed.",
    category: 'announcements',
    tags: ['Membership'],
    visibility: 'members',
    author: 'board@example.org',
    daysAgo: 6,
  },
  {
    slug: 'thursday-walk-along-the-towpath',
    title: 'Thursday walk along the towpath',
    summary: 'Fourteen of us walked from the lock to the old mill in glorious sunshine.',
    body: 'Fourteen walkers set off from Hatton Lock on Thursday morning. We spotted a kingfisher near the second bridge and stopped for lunch at the mill café.\n\nNext week we meet at 10 am at the church car park. Sturdy shoes, please: the path is muddy after the rain.',
    category: 'walks-and-outings',
    tags: ['Walking group'],
    visibility: 'public',
    author: 'member@example.org',
    daysAgo: 9,
  },
  {
    slug: 'heritage-open-days-volunteers',
    title: 'Volunteers wanted for Heritage Open Days',
    summary: 'We open the old library for two days in September and need stewards.',
    body: 'We open the old library to visitors on 12 and 13 September. We need **stewards** for two-hour shifts, and someone to bake for the welcome table.\n\nReply to the secretary or add your name to the list at the next meeting. See the [Heritage Open Days site](https://www.heritageopendays.org.uk) for the programme.',
    category: 'announcements',
    tags: ['Volunteering', 'Events'],
    visibility: 'public',
    author: 'admin@example.org',
    daysAgo: 15,
  },
  {
    slug: 'finance-committee-minutes-october',
    title: 'Finance committee: October minutes',
    summary: 'The reserves policy and the insurance renewal.',
    body: "Present: R. Iyer (chair), H. Whitaker, W. Chen.\n\n- The reserves policy was reviewed; we keep six months of running costs.\n- The insurance renewal was approved at last year's premium.\n- The bank mandate will be updated after the AGM.",
    category: 'committee',
    tags: ['Finance', 'Minutes'],
    visibility: 'board',
    author: 'board@example.org',
    daysAgo: 20,
  },
  {
    slug: 'autumn-coach-trip-to-bath',
    title: 'Autumn coach trip to Bath',
    summary:
      'A day in Bath with a guided tour of the Assembly Rooms. Book by the end of the month.',
    body: 'Our autumn outing goes to **Bath** on Saturday 18 October. The coach leaves the market square at 8 am; we are back by 7 pm.\n\nThe £32 fare includes the guided tour. Book with Sophie before the end of the month.',
    category: 'walks-and-outings',
    tags: ['Outings', 'Events'],
    visibility: 'members',
    author: 'member@example.org',
    daysAgo: 26,
  },
]

const PARAGRAPHS = [
  'The board met on Tuesday and discussed the programme for the coming season.',
  'Members are reminded that the library is open on Wednesday afternoons.',
  'Thank you to everyone who helped with the spring fair; we raised more than last year.',
  'The walking group welcomes newcomers; routes are between five and eight miles.',
  'Minutes of the last meeting are available from the secretary on request.',
]

/**
 * News demo data: three categories and a handful of believable posts by the demo accounts
 * (run after the main seeder). NEWS_DEMO_POSTS=<n> adds generated public posts up to n in
 * all, for the news benchmark. Running it again changes nothing.
 */
export default class NewsSeeder extends BaseSeeder {
  static environment = env.get('SEED_DEMO_DATA')
    ? ['development', 'test', 'production']
    : ['development', 'test']

  async run() {
    const client = this.client
    const categories = new Map<string, PostCategory>()
    for (const category of CATEGORIES) {
      categories.set(
        category.slug,
        await PostCategory.firstOrCreate({ slug: category.slug }, category, { client })
      )
    }

    const tagCache = new Map<string, PostTag>()
    const tagFor = async (name: string) => {
      const slug = name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/(^-|-$)/g, '')
      if (!tagCache.has(slug)) {
        tagCache.set(slug, await PostTag.firstOrCreate({ slug }, { slug, name }, { client }))
      }
      return tagCache.get(slug)!
    }

    const authors = new Map<string, User | null>()
    for (const demo of POSTS) {
      if (!authors.has(demo.author)) {
        authors.set(demo.author, await User.query({ client }).where('email', demo.author).first())
      }
      if (await Post.query({ client }).where('slug', demo.slug).first()) continue
      const publishedAt = DateTime.utc().minus({ days: demo.daysAgo }).startOf('minute')
      const post = await Post.create(
        {
          slug: demo.slug,
          title: demo.title,
          summary: demo.summary,
          bodySource: demo.body,
          bodyHtml: renderMarkdown(demo.body),
          categoryId: categories.get(demo.category)!.id,
          visibility: demo.visibility,
          status: 'published',
          pinned: demo.pinned ?? false,
          authorId: authors.get(demo.author)?.id ?? null,
          publishedAt,
          announcedAt: publishedAt,
          viewCount: 0,
        },
        { client }
      )
      const tagIds = []
      for (const name of demo.tags) {
        const tag = await tagFor(name)
        tagIds.push(tag.id)
      }
      await post.related('tags').sync(tagIds)
    }

    await this.#bulk(Number(env.get('NEWS_DEMO_POSTS', 0)), [...categories.values()])
  }

  /**
   * Generated public posts for load tests, inserted in chunks.
   */
  async #bulk(target: number, categories: PostCategory[]) {
    const counted = await this.client.from('posts').count('* as total').first()
    const existing = Number(counted?.total ?? 0)
    const rows = []
    for (let index = existing; index < target; index++) {
      const body = Array.from(
        { length: 5 },
        (_, offset) => PARAGRAPHS[(index + offset) % PARAGRAPHS.length]
      ).join('\n\n')
      const publishedAt = DateTime.utc().minus({ hours: index + 1 })
      rows.push({
        slug: `news-item-${index + 1}`,
        title: `News item ${index + 1}: ${PARAGRAPHS[index % PARAGRAPHS.length].slice(0, 40)}`,
        summary: PARAGRAPHS[(index + 2) % PARAGRAPHS.length],
        body_source: body,
        body_html: renderMarkdown(body),
        category_id: categories[index % categories.length].id,
        visibility: 'public',
        status: 'published',
        pinned: false,
        published_at: publishedAt.toSQL(),
        announced_at: publishedAt.toSQL(),
        view_count: 0,
        created_at: publishedAt.toSQL(),
        updated_at: publishedAt.toSQL(),
      })
    }
    for (let start = 0; start < rows.length; start += 100) {
      await this.client.table('posts').multiInsert(rows.slice(start, start + 100))
    }
  }
}
