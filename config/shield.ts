import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/shield'

/*
 * Scripts run only with the per-request nonce (`cspNonce` in Edge); nothing inline without it.
 */
const shieldConfig = defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, '@nonce'],
      styleSrc: [`'self'`],
      imgSrc: [`'self'`, 'data:'],
      fontSrc: [`'self'`],
      connectSrc: [`'self'`],
      formAction: [`'self'`],
      objectSrc: [`'none'`],
      baseUri: [`'none'`],
      frameAncestors: [`'none'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    // RFC 8058 one-click unsubscribe: mail providers POST without a token; the signed
    // address authorizes it (app/controllers/news/unsubscribe_controller.ts).
    exceptRoutes: ['/news/unsubscribe/:token'],
    // Our scripts send no requests of their own; forms carry the token.
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: {
    enabled: true,
    action: 'DENY',
  },
  hsts: {
    enabled: app.inProduction,
    maxAge: '365 days',
    includeSubDomains: true,
  },
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
