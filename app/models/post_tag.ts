import { PostTagSchema } from '#database/schema'

export default class PostTag extends PostTagSchema {}
