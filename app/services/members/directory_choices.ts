import db from '@adonisjs/lucid/services/db'

export interface DirectoryChoices {
  types: Array<{ id: number; name: string }>
  badges: Array<{ id: number; name: string }>
}

/*
 * The choices of the directory's filter form, read on every directory page and changed only
 * when an admin edits a membership type or a badge. Those models forget the kept copy when they
 * are saved or deleted; other instances of the portal see the change within the minute.
 */
const KEPT_FOR_MS = 60_000
let kept: { choices: DirectoryChoices; until: number } | null = null

export async function directoryChoices(): Promise<DirectoryChoices> {
  if (kept && kept.until > Date.now()) return kept.choices
  const types = await db
    .from('membership_types')
    .orderBy('position')
    .orderBy('name')
    .select('id', 'name')
  const badges = await db.from('badges').orderBy('name').select('id', 'name')
  kept = { choices: { types, badges }, until: Date.now() + KEPT_FOR_MS }
  return kept.choices
}

export function forgetDirectoryChoices() {
  kept = null
}
