import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/**
 * Debian's Chromium, headless. Installed by .ci/install_chromium.sh when missing.
 */
const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Where the test HTTP server listens (tests/bootstrap.ts starts it for the browser suite).
 * Mails link to APP_URL, which need not be this address: see `localUrl`.
 */
export const baseUrl = `http://localhost:${env.get('PORT')}`

export function localUrl(link: string) {
  const url = new URL(link)
  return `${baseUrl}${url.pathname}${url.search}`
}

/**
 * An address from the range reserved for benchmarking (198.18.0.0/15, RFC 2544) for one
 * browser. The test server trusts loopback proxies (.env.test), so each browser is its own
 * visitor to the per-IP limits, which persist between runs when they live in Redis.
 */
function visitorIp() {
  const byte = () => Math.floor(Math.random() * 256)
  return `198.${18 + Math.floor(Math.random() * 2)}.${byte()}.${byte()}`
}

export function uniqueEmail(label: string) {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@browser.example`
}

/**
 * Hands out pages, each in its own headless Chromium with a fresh profile directory, so no
 * cookie or storage leaks from one page to the next; `close()` ends them all.
 */
export class BrowserSession {
  #contexts: BrowserContext[] = []
  #profiles: string[] = []

  async newPage(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
    const profile = await mkdtemp(join(tmpdir(), 'guildhall-chromium-'))
    this.#profiles.push(profile)
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      baseURL: baseUrl,
      colorScheme: options.colorScheme ?? 'light',
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      extraHTTPHeaders: { 'x-forwarded-for': visitorIp() },
    })
    this.#contexts.push(context)
    const page = context.pages()[0] ?? (await context.newPage())
    page.setDefaultTimeout(10_000)
    return page
  }

  async close() {
    await Promise.allSettled(this.#contexts.splice(0).map((context) => context.close()))
    await Promise.allSettled(
      this.#profiles.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))
    )
  }
}

/**
 * Signs in through the login form, as a member would.
 */
export async function logIn(page: Page, email: string, password = 'correct horse battery staple') {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.waitForURL('**/dashboard')
}

/**
 * Template syntax that reached the page as text: a broken Edge tag or comment.
 */
export async function leakedTemplateSyntax(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText()
  return text.match(/@!?--|--!|\{\{|\}\}|@end\b|@(?:if|each|component|slot|let)\(/g) ?? []
}

/**
 * Saves a full-page screenshot under tmp/screenshots/, for a person to look at.
 */
export async function screenshot(page: Page, name: string) {
  const directory = app.tmpPath('screenshots')
  await mkdir(directory, { recursive: true })
  const path = join(directory, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
