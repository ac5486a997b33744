import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { POST_VISIBILITIES } from '#models/post'
import { SUBSCRIPTION_MODES } from '#models/news_subscription'

const messages = new SimpleMessagesProvider({
  'required': 'Please fill in this field.',
  'title.maxLength': 'A title can be at most {{ max }} characters long.',
  'summary.maxLength': 'A summary can be at most {{ max }} characters long.',
  'body.maxLength': 'The text can be at most {{ max }} characters long.',
  'categoryId.required': 'Choose a category.',
  'categoryId.number': 'Choose a category.',
  'categoryId.database.exists': 'Choose a category from the list.',
  'tags.maxLength': 'Tags can be at most {{ max }} characters in all.',
  'visibility.enum': 'Choose who can read the post.',
  'imageAlt.maxLength': 'The image description can be at most {{ max }} characters long.',
  'publishAt.regex': 'Enter a date and time, like 2026-05-01T09:00.',
  'comment.minLength': 'Tell the author what to change.',
  'comment.maxLength': 'A comment can be at most {{ max }} characters long.',
  'name.minLength': 'Please fill in this field.',
  'name.maxLength': 'A name can be at most {{ max }} characters long.',
  'description.maxLength': 'A description can be at most {{ max }} characters long.',
  'email': 'Enter a valid email address, like name@example.org.',
  'q.maxLength': 'Search for at most {{ max }} characters.',
})

export const postValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200),
  summary: vine.string().trim().maxLength(500).optional(),
  body: vine.string().trim().minLength(1).maxLength(100_000),
  categoryId: vine.number().withoutDecimals().exists({ table: 'post_categories', column: 'id' }),
  tags: vine.string().trim().maxLength(300).optional(),
  visibility: vine.enum(POST_VISIBILITIES),
  imageAlt: vine.string().trim().maxLength(200).optional(),
})
postValidator.messagesProvider = messages

export const previewValidator = vine.create({
  body: vine.string().trim().maxLength(100_000).optional(),
})

export const publishValidator = vine.create({
  // A datetime-local value, read in the editor's time zone by the controller.
  publishAt: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
    .optional(),
})
publishValidator.messagesProvider = messages

export const returnValidator = vine.create({
  comment: vine.string().trim().minLength(3).maxLength(2000),
})
returnValidator.messagesProvider = messages

export const pinValidator = vine.create({
  pinned: vine.boolean().optional(),
})

export const categoryValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(80),
  description: vine.string().trim().maxLength(300).optional(),
  position: vine.number().withoutDecimals().range([0, 1000]).optional(),
})
categoryValidator.messagesProvider = messages

export const authorValidator = vine.create({
  email: vine.string().trim().toLowerCase().email().maxLength(254),
})
authorValidator.messagesProvider = messages

export const notificationsValidator = vine.create({
  modes: vine.record(vine.enum([...SUBSCRIPTION_MODES, 'none'] as const)).optional(),
})

export const listValidator = vine.create({
  page: vine.number().withoutDecimals().range([1, 10_000]).optional(),
  q: vine.string().trim().maxLength(100).optional(),
})
listValidator.messagesProvider = messages
