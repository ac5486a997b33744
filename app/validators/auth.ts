import vine from '@vinejs/vine'

export const email = () => vine.string().trim().email().maxLength(254).toLowerCase()

export const loginValidator = vine.create({
  email: email(),
  password: vine.string().maxLength(1024),
  remember: vine.boolean().optional(),
})
