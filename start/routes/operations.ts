import router from '@adonisjs/core/services/router'

router.get('/health/live', ({ response }) => response.ok({ status: 'ok' })).as('health.live')
