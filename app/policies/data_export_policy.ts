import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type DataExport from '#models/data_export'

/**
 * A data archive holds everything about one member: only that member, signed in, downloads it.
 * Not the board either, who sees the same data through the pages it is allowed.
 */
export default class DataExportPolicy extends BasePolicy {
  download(user: User, dataExport: DataExport) {
    return user.id === dataExport.userId
  }
}
