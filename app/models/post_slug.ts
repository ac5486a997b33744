import { PostSlugSchema } from '#database/schema'

/**
 * A slug a post had before its title changed, kept so old links redirect to the current one.
 */
export default class PostSlug extends PostSlugSchema {}
