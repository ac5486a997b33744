import { dictionary } from '@zxcvbn-ts/language-common'

let list: Set<string> | undefined

/**
 * The common-password list shipped with zxcvbn-ts (the same list the strength meter uses in
 * the browser), lowercased into a set on first use so a lookup costs nothing afterwards.
 */
export function isCommonPassword(password: string) {
  list ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()))
  return list.has(password.toLowerCase())
}
