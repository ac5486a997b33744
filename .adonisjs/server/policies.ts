export const policies = {
  AdminPolicy: () => import('#policies/admin_policy'),
  BadgePolicy: () => import('#policies/badge_policy'),
  DataExportPolicy: () => import('#policies/data_export_policy'),
  DirectoryPolicy: () => import('#policies/directory_policy'),
  DocumentPolicy: () => import('#policies/document_policy'),
  EventPolicy: () => import('#policies/event_policy'),
  FolderPolicy: () => import('#policies/folder_policy'),
  MembershipApplicationPolicy: () => import('#policies/membership_application_policy'),
  MembershipPolicy: () => import('#policies/membership_policy'),
  PostPolicy: () => import('#policies/post_policy'),
  ProfilePolicy: () => import('#policies/profile_policy'),
  UserPolicy: () => import('#policies/user_policy'),
}

