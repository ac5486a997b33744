/*
 * The directory benchmark's raw baseline: node:http, Edge and better-sqlite3 with nothing
 * else (no router, session, shield, auth or Lucid), answering GET /members with the same
 * queries and the same markup as the portal's directory page for one signed-in member. Runs
 * with plain `node` (type stripping), no loader.
 *
 *   node bench/directory_baseline.ts <port> <sqlite file> <viewer user id>
 */
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { Edge } from 'edge.js'

// Drivers without bundled types; the bench only needs a handful of calls.
const require = createRequire(import.meta.url)
const Database = require('better-sqlite3')
const [port, file, viewerId] = process.argv.slice(2)
const db = new Database(file, { readonly: true })
db.pragma('journal_mode = WAL')

const NAME_KEY = "lower(coalesce(nullif(users.display_name, ''), users.full_name))"
const select = `select users.id, users.full_name, users.display_name, users.email, users.show_email,
  member_profiles.institution, member_profiles.position, member_profiles.field, member_profiles.country,
  membership_types.name as type_name, memberships.started_on as member_since, ${NAME_KEY} as sort_key
  from users inner join memberships indexed by memberships_directory_user_index on memberships.user_id = users.id
  left join member_profiles on member_profiles.user_id = users.id
  inner join membership_types on membership_types.id = memberships.membership_type_id
  where users.status = 'active' and memberships.status in ('active', 'grace')
  and (users.profile_visibility in ('public', 'members') or users.id = ?)`
const firstPage = db.prepare(`${select} order by ${NAME_KEY} asc, users.id asc limit 51`)
const laterPage = db.prepare(
  `${select} and ${NAME_KEY} >= ? and (${NAME_KEY} > ? or users.id > ?) order by ${NAME_KEY} asc, users.id asc limit 51`
)
const types = db.prepare('select id, name from membership_types order by position, name')
const badgeList = db.prepare('select id, name from badges order by name')
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })
// As many options as the portal's country filter (every two-letter region CLDR names).
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')
const countries = letters
  .flatMap((a) => letters.map((b) => a + b))
  .map((code) => ({ code, name: regionNames.of(code) }))
  .filter((country) => country.name !== country.code)
  .sort((a, b) => a.name!.localeCompare(b.name!))
// Built once, as the portal does (app/services/members/directory_countries.ts).
const countryOptions = countries
  .map(
    (country) =>
      `<option value="${country.code}">${country.name!.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</option>`
  )
  .join('')

// Compiled templates cached, as the portal does in production.
const edge = Edge.create({ cache: true })
edge.registerTemplate('directory', {
  template: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Member directory</title>
<link rel="stylesheet" href="/vendor/pico.min.css"><link rel="stylesheet" href="/css/directory.css"></head>
<body><header class="container"><nav><ul><li><a href="/">Guildhall</a></li></ul><ul><li><a href="/members">Directory</a></li></ul></nav></header>
<main class="container"><h1>Member directory</h1>
<form method="GET" action="/members" role="search" class="directory-filters">
<input type="search" name="q" value="" maxlength="100">
<select name="type"><option value="">Any</option>
@each(type in types)
<option value="{{ type.id }}">{{ type.name }}</option>
@end
</select>
<select name="badge"><option value="">Any</option>
@each(badge in badges)
<option value="{{ badge.id }}">{{ badge.name }}</option>
@end
</select>
<select name="country"><option value="">Any</option>{{{ countryOptions }}}</select>
<button type="submit">Search</button></form>
<ul class="directory-list">
@each(entry in entries)
<li class="directory-card">
<h2><a href="/members/{{ entry.id }}">{{ entry.name }}</a></h2>
@if(entry.position || entry.institution)
<p>{{ [entry.position, entry.institution].filter(Boolean).join(', ') }}</p>
@end
<p class="muted"><small>{{ [entry.typeName, entry.field, entry.countryName, entry.memberSince ? \`member since \${entry.memberSince.slice(0, 4)}\` : null].filter(Boolean).join(' · ') }}</small></p>
@if(entry.badges.length)
<p class="directory-badges">
@each(badge in entry.badges)
<span class="directory-badge"><span aria-hidden="true">{{ badge.icon }}</span> {{ badge.name }}</span>
@end
</p>
@end
@if(entry.email)
<p><a href="mailto:{{ entry.email }}">{{ entry.email }}</a></p>
@end
</li>
@end
</ul>
@if(next)
<a href="/members?after={{ next }}" rel="next">Next</a>
@end
</main></body></html>`,
})

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost')
  const after = url.searchParams.get('after')
  let rows: any[]
  if (after) {
    const [key, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'))
    rows = laterPage.all(viewerId, key, key, id)
  } else {
    rows = firstPage.all(viewerId)
  }
  const hasMore = rows.length > 50
  if (hasMore) rows.pop()
  const ids = rows.map((row) => row.id)
  const badges = db
    .prepare(
      `select member_badges.user_id, badges.name, badges.icon from member_badges
       inner join badges on badges.id = member_badges.badge_id
       where member_badges.user_id in (${ids.map(() => '?').join(', ') || 'null'}) order by badges.name`
    )
    .all(...ids) as any[]
  const entries = rows.map((row) => ({
    id: row.id,
    name: row.display_name || row.full_name,
    email: row.show_email ? row.email : null,
    institution: row.institution,
    position: row.position,
    field: row.field,
    countryName: row.country ? regionNames.of(row.country) : null,
    typeName: row.type_name,
    memberSince: row.member_since,
    badges: badges.filter((badge) => badge.user_id === row.id),
  }))
  const last = rows[rows.length - 1]
  const next = hasMore
    ? Buffer.from(JSON.stringify([last.sort_key, last.id])).toString('base64url')
    : null
  const html = await edge.render('directory', {
    entries,
    next,
    types: types.all(),
    badges: badgeList.all(),
    countryOptions,
  })
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
  response.end(html)
})
server.listen(Number(port), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
