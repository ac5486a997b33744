/*
 * HTTP middleware: server-wide first (every request, routed or not), then the router stack
 * (requests that match a route), then the named middleware that routes opt into.
 */
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/request_context_middleware'),
  () => import('#middleware/security_headers_middleware'),
  () => import('#middleware/public_files_middleware'),
  () => import('#middleware/news_page_cache_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/silent_auth_middleware'),
  () => import('#middleware/session_timeout_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/view_globals_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  verified: () => import('#middleware/verified_middleware'),
  devOnly: () => import('#middleware/dev_only_middleware'),
  newsPageCache: () => import('#middleware/news_page_cache_route_middleware'),
})
