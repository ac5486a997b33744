import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type User from '#models/user'
import type { ProfileVisibility } from '#models/user'
import ImageUploadService from '#services/uploads/image_upload_service'

export interface ProfileChanges {
  displayName?: string | null
  bio?: string | null
  phone?: string | null
  profileVisibility: ProfileVisibility
  showEmail: boolean
  timezone?: string | null
}

export const AVATAR_VARIANT = { width: 256, height: 256, fit: 'cover' } as const

/**
 * The member's own profile: what others may see of them, and their picture.
 */
export default class ProfileService {
  static async update(user: User, changes: ProfileChanges) {
    user.merge({
      displayName: changes.displayName ?? null,
      bio: changes.bio ?? null,
      phone: changes.phone ?? null,
      profileVisibility: changes.profileVisibility,
      showEmail: changes.showEmail,
      timezone: changes.timezone ?? null,
    })
    await user.save()
  }

  /**
   * Stores the new picture first and deletes the old one only once the new key is saved, so a
   * refused or failed upload leaves the current avatar in place.
   */
  static async replaceAvatar(user: User, file: MultipartFile | null) {
    const key = await ImageUploadService.store(file, 'avatars', AVATAR_VARIANT)
    const previous = user.avatarKey
    user.avatarKey = key
    await user.save()
    await ImageUploadService.delete(previous)
  }

  static async removeAvatar(user: User) {
    const previous = user.avatarKey
    user.avatarKey = null
    await user.save()
    await ImageUploadService.delete(previous)
  }
}
