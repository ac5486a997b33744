import env from '#start/env'
import app from '@adonisjs/core/services/app'
import proxyAddr from 'proxy-addr'
import { defineConfig } from '@adonisjs/core/http'

export const appUrl = env.get('APP_URL')

/*
 * The association's own name and time zone. Dates are stored in UTC and shown in the member's
 * zone, falling back to this one.
 */
export const association = {
  name: env.get('APP_NAME', 'Guildhall'),
  timezone: env.get('APP_TIMEZONE', 'UTC'),
}

/*
 * Behind a load balancer or reverse proxy, list its addresses in TRUSTED_PROXIES
 * (comma-separated IPs or CIDR ranges, or "loopback") so request.ip() is the client's address
 * from X-Forwarded-For. Without it no proxy is trusted and X-Forwarded-* headers are ignored.
 */
const trustedProxies = env
  .get('TRUSTED_PROXIES', '')
  .split(',')
  .map((entry) => entry.trim())
  .filter(Boolean)

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: true,
  trustProxy: proxyAddr.compile(trustedProxies),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
