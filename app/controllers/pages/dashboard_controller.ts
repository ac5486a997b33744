import type { HttpContext } from '@adonisjs/core/http'
import Post from '#models/post'
import Document from '#models/document'
import { LibraryAccess } from '#services/documents/library_access'
import EventQuery from '#services/events/event_query'
import { membershipCard } from '#services/members/membership_card'

export default class DashboardController {
  async show({ view, auth }: HttpContext) {
    const latestPosts = await Post.query()
      .withScopes((scopes) => scopes.visibleTo(auth.user))
      .orderBy('published_at', 'desc')
      .limit(3)
    const library = await LibraryAccess.for(auth.user)
    const latestDocuments = await Document.query()
      .withScopes((scopes) => scopes.visibleTo(library))
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(3)
    const myEvents = auth.user ? await EventQuery.myUpcoming(auth.user) : []
    const membership = auth.user ? await membershipCard(auth.user) : null
    return view.render('pages/dashboard', { latestPosts, latestDocuments, myEvents, membership })
  }
}
