import type { HttpContext } from '@adonisjs/core/http'
import MembershipPolicy from '#policies/membership_policy'
import StatisticsService from '#services/members/statistics_service'
import { barChart } from '#services/members/bar_chart'

/** Membership numbers and a chart of members over the last twelve months. */
export default class StatisticsController {
  async show({ bouncer, view }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('viewStatistics')
    const stats = await StatisticsService.summary()
    return view.render('pages/admin/members/statistics', {
      stats,
      chart: barChart(
        stats.overTime.map((point) => ({ label: point.month, value: point.members }))
      ),
    })
  }
}
