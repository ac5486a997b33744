import { UAParser } from 'ua-parser-js'

/**
 * A readable name for the device behind a user agent, e.g. "Firefox 128 on Ubuntu".
 */
export function describeDevice(userAgent: string) {
  if (!userAgent) {
    return 'Unknown device'
  }
  const { browser, os, device } = UAParser(userAgent)
  const client = [browser.name, browser.major].filter(Boolean).join(' ')
  const system = [os.name, os.version].filter(Boolean).join(' ')
  const hardware = [device.vendor, device.model].filter(Boolean).join(' ')
  const on = [hardware, system].filter(Boolean).join(', ')
  if (client && on) return `${client} on ${on}`
  return client || on || 'Unknown device'
}
