import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Post from '#models/post'
import { visibilitiesFor } from '#models/post'

/**
 * News. Authors are the board and members an admin gave the author permission; editors are the
 * board, who review, publish, schedule, pin and archive. Readers see what `Post.visibleTo`
 * allows; an author also sees their own unpublished work, and editors see every post.
 */
export default class PostPolicy extends BasePolicy {
  @allowGuest()
  view(user: User | null, post: Post) {
    if (user && user.canSignIn && user.isVerified) {
      if (user.isBoard || this.#isAuthor(user, post)) return true
    }
    return post.isLive && visibilitiesFor(user).includes(post.visibility)
  }

  write(user: User) {
    return user.canSignIn && user.isVerified && (user.isBoard || (user.isMember && user.canAuthor))
  }

  edit(user: User, post: Post) {
    if (!this.write(user)) return false
    if (user.isBoard) return true
    return this.#isAuthor(user, post) && post.status === 'draft'
  }

  submit(user: User, post: Post) {
    return this.edit(user, post) && post.status === 'draft'
  }

  review(user: User) {
    return user.canSignIn && user.isVerified && user.isBoard
  }

  delete(user: User, post: Post) {
    if (this.review(user)) return true
    return this.edit(user, post) && post.publishedAt === null
  }

  #isAuthor(user: User, post: Post) {
    return post.authorId !== null && post.authorId !== undefined && post.authorId === user.id
  }

  manageAuthors(user: User) {
    return user.canSignIn && user.isVerified && user.isAdmin
  }
}
