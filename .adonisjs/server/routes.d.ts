import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'home': { paramsTuple?: []; params?: {} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'registration.create': { paramsTuple?: []; params?: {} }
    'registration.store': { paramsTuple?: []; params?: {} }
    'password_reset.create': { paramsTuple?: []; params?: {} }
    'password_reset.store': { paramsTuple?: []; params?: {} }
    'password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verification.notice': { paramsTuple?: []; params?: {} }
    'email_verification.verify': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verification.resend': { paramsTuple?: []; params?: {} }
    'well_known.change_password': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'profile.edit': { paramsTuple?: []; params?: {} }
    'profile.update': { paramsTuple?: []; params?: {} }
    'avatar.update': { paramsTuple?: []; params?: {} }
    'avatar.destroy': { paramsTuple?: []; params?: {} }
    'account_email.edit': { paramsTuple?: []; params?: {} }
    'account_email.update': { paramsTuple?: []; params?: {} }
    'account_password.edit': { paramsTuple?: []; params?: {} }
    'account_password.update': { paramsTuple?: []; params?: {} }
    'account_sessions.index': { paramsTuple?: []; params?: {} }
    'account_sessions.destroy_others': { paramsTuple?: []; params?: {} }
    'account_sessions.destroy_all': { paramsTuple?: []; params?: {} }
    'account_sessions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_privacy.show': { paramsTuple?: []; params?: {} }
    'data_export.store': { paramsTuple?: []; params?: {} }
    'data_export.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_deletion.create': { paramsTuple?: []; params?: {} }
    'account_deletion.destroy': { paramsTuple?: []; params?: {} }
    'account_email.confirm': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'avatars.show': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
    'admin.dashboard': { paramsTuple?: []; params?: {} }
    'admin.users.index': { paramsTuple?: []; params?: {} }
    'admin.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.role.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.status.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.lockout.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.audit.index': { paramsTuple?: []; params?: {} }
    'admin.jobs.index': { paramsTuple?: []; params?: {} }
    'admin.jobs.retry': { paramsTuple: [ParamValue,ParamValue]; params: {'queue': ParamValue,'id': ParamValue} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'security_txt.show': { paramsTuple?: []; params?: {} }
    'dev.mailbox.index': { paramsTuple?: []; params?: {} }
    'dev.mailbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news.index': { paramsTuple?: []; params?: {} }
    'news_feeds.rss': { paramsTuple?: []; params?: {} }
    'news_feeds.atom': { paramsTuple?: []; params?: {} }
    'news.category': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news_feeds.category_rss': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news_feeds.category_atom': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news.tag': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news.by_id': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_images.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'width': ParamValue} }
    'news_unsubscribe.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'news_unsubscribe.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'news_manage.index': { paramsTuple?: []; params?: {} }
    'news_posts.create': { paramsTuple?: []; params?: {} }
    'news_posts.store': { paramsTuple?: []; params?: {} }
    'news_posts.preview': { paramsTuple?: []; params?: {} }
    'news_categories.index': { paramsTuple?: []; params?: {} }
    'news_categories.store': { paramsTuple?: []; params?: {} }
    'news_categories.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_categories.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_authors.index': { paramsTuple?: []; params?: {} }
    'news_authors.store': { paramsTuple?: []; params?: {} }
    'news_authors.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_posts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_posts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_posts.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_posts.destroy_image': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_reviews.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_reviews.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_reviews.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_reviews.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_reviews.pin': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_notifications.edit': { paramsTuple?: []; params?: {} }
    'news_notifications.update': { paramsTuple?: []; params?: {} }
    'news.show': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'documents.index': { paramsTuple?: []; params?: {} }
    'folders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'document_versions.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'folders.create': { paramsTuple?: []; params?: {} }
    'folders.store': { paramsTuple?: []; params?: {} }
    'folders.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'folders.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'folders.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'folder_grants.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'folder_grants.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'grantId': ParamValue} }
    'documents.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'document_versions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'document_versions.restore': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'directory.index': { paramsTuple?: []; params?: {} }
    'member_profiles.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'professional_info.edit': { paramsTuple?: []; params?: {} }
    'professional_info.update': { paramsTuple?: []; params?: {} }
    'events.index': { paramsTuple?: []; params?: {} }
    'events.calendar': { paramsTuple?: []; params?: {} }
    'event_feeds.public': { paramsTuple?: []; params?: {} }
    'event_feeds.personal': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'events.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_feeds.event': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'events.cover': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'events.create': { paramsTuple?: []; params?: {} }
    'events.store': { paramsTuple?: []; params?: {} }
    'events.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'events.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'events.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_registrations.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_registrations.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_tickets.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_attendees.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_attendees.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_attendees.approve': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'event_attendees.decline': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'event_check_ins.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_check_ins.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_feeds.edit': { paramsTuple?: []; params?: {} }
    'event_feeds.regenerate': { paramsTuple?: []; params?: {} }
    'event_feeds.revoke': { paramsTuple?: []; params?: {} }
    'membership.show': { paramsTuple?: []; params?: {} }
    'applications.create': { paramsTuple?: []; params?: {} }
    'applications.store': { paramsTuple?: []; params?: {} }
    'seats.store': { paramsTuple?: []; params?: {} }
    'seats.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seats.accept': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'seats.accept.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'profile_field_values.edit': { paramsTuple?: []; params?: {} }
    'profile_field_values.update': { paramsTuple?: []; params?: {} }
    'admin.members.index': { paramsTuple?: []; params?: {} }
    'admin.members.statistics': { paramsTuple?: []; params?: {} }
    'admin.members.export.create': { paramsTuple?: []; params?: {} }
    'admin.members.export.show': { paramsTuple?: []; params?: {} }
    'admin.members.import.create': { paramsTuple?: []; params?: {} }
    'admin.members.import.preview': { paramsTuple?: []; params?: {} }
    'admin.members.import.store': { paramsTuple?: []; params?: {} }
    'admin.members.bulk.store': { paramsTuple?: []; params?: {} }
    'admin.members.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.members.status.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.members.renewals.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.members.badges.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.members.badges.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'badgeId': ParamValue} }
    'admin.applications.index': { paramsTuple?: []; params?: {} }
    'admin.applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applications.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applications.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applications.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.badges.index': { paramsTuple?: []; params?: {} }
    'admin.badges.store': { paramsTuple?: []; params?: {} }
    'admin.badges.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.badges.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.badges.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.membership_types.index': { paramsTuple?: []; params?: {} }
    'admin.membership_types.store': { paramsTuple?: []; params?: {} }
    'admin.membership_types.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile_fields.index': { paramsTuple?: []; params?: {} }
    'admin.profile_fields.store': { paramsTuple?: []; params?: {} }
    'admin.profile_fields.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile_fields.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile_fields.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  GET: {
    'home': { paramsTuple?: []; params?: {} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'registration.create': { paramsTuple?: []; params?: {} }
    'password_reset.create': { paramsTuple?: []; params?: {} }
    'password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verification.notice': { paramsTuple?: []; params?: {} }
    'email_verification.verify': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'well_known.change_password': { paramsTuple?: []; params?: {} }
    'profile.edit': { paramsTuple?: []; params?: {} }
    'account_email.edit': { paramsTuple?: []; params?: {} }
    'account_password.edit': { paramsTuple?: []; params?: {} }
    'account_sessions.index': { paramsTuple?: []; params?: {} }
    'account_privacy.show': { paramsTuple?: []; params?: {} }
    'data_export.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_deletion.create': { paramsTuple?: []; params?: {} }
    'account_email.confirm': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'avatars.show': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
    'admin.dashboard': { paramsTuple?: []; params?: {} }
    'admin.users.index': { paramsTuple?: []; params?: {} }
    'admin.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.audit.index': { paramsTuple?: []; params?: {} }
    'admin.jobs.index': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'security_txt.show': { paramsTuple?: []; params?: {} }
    'dev.mailbox.index': { paramsTuple?: []; params?: {} }
    'dev.mailbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news.index': { paramsTuple?: []; params?: {} }
    'news_feeds.rss': { paramsTuple?: []; params?: {} }
    'news_feeds.atom': { paramsTuple?: []; params?: {} }
    'news.category': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news_feeds.category_rss': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news_feeds.category_atom': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news.tag': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news.by_id': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_images.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'width': ParamValue} }
    'news_unsubscribe.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'news_manage.index': { paramsTuple?: []; params?: {} }
    'news_posts.create': { paramsTuple?: []; params?: {} }
    'news_categories.index': { paramsTuple?: []; params?: {} }
    'news_authors.index': { paramsTuple?: []; params?: {} }
    'news_posts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_notifications.edit': { paramsTuple?: []; params?: {} }
    'news.show': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'documents.index': { paramsTuple?: []; params?: {} }
    'folders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'document_versions.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'folders.create': { paramsTuple?: []; params?: {} }
    'folders.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'directory.index': { paramsTuple?: []; params?: {} }
    'member_profiles.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'professional_info.edit': { paramsTuple?: []; params?: {} }
    'events.index': { paramsTuple?: []; params?: {} }
    'events.calendar': { paramsTuple?: []; params?: {} }
    'event_feeds.public': { paramsTuple?: []; params?: {} }
    'event_feeds.personal': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'events.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_feeds.event': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'events.cover': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'events.create': { paramsTuple?: []; params?: {} }
    'events.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_tickets.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_attendees.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_attendees.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_check_ins.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_feeds.edit': { paramsTuple?: []; params?: {} }
    'membership.show': { paramsTuple?: []; params?: {} }
    'applications.create': { paramsTuple?: []; params?: {} }
    'seats.accept': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'profile_field_values.edit': { paramsTuple?: []; params?: {} }
    'admin.members.index': { paramsTuple?: []; params?: {} }
    'admin.members.statistics': { paramsTuple?: []; params?: {} }
    'admin.members.export.create': { paramsTuple?: []; params?: {} }
    'admin.members.export.show': { paramsTuple?: []; params?: {} }
    'admin.members.import.create': { paramsTuple?: []; params?: {} }
    'admin.members.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applications.index': { paramsTuple?: []; params?: {} }
    'admin.applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applications.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.badges.index': { paramsTuple?: []; params?: {} }
    'admin.badges.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.membership_types.index': { paramsTuple?: []; params?: {} }
    'admin.profile_fields.index': { paramsTuple?: []; params?: {} }
    'admin.profile_fields.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  HEAD: {
    'home': { paramsTuple?: []; params?: {} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'registration.create': { paramsTuple?: []; params?: {} }
    'password_reset.create': { paramsTuple?: []; params?: {} }
    'password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verification.notice': { paramsTuple?: []; params?: {} }
    'email_verification.verify': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'well_known.change_password': { paramsTuple?: []; params?: {} }
    'profile.edit': { paramsTuple?: []; params?: {} }
    'account_email.edit': { paramsTuple?: []; params?: {} }
    'account_password.edit': { paramsTuple?: []; params?: {} }
    'account_sessions.index': { paramsTuple?: []; params?: {} }
    'account_privacy.show': { paramsTuple?: []; params?: {} }
    'data_export.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_deletion.create': { paramsTuple?: []; params?: {} }
    'account_email.confirm': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'avatars.show': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
    'admin.dashboard': { paramsTuple?: []; params?: {} }
    'admin.users.index': { paramsTuple?: []; params?: {} }
    'admin.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.audit.index': { paramsTuple?: []; params?: {} }
    'admin.jobs.index': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'security_txt.show': { paramsTuple?: []; params?: {} }
    'dev.mailbox.index': { paramsTuple?: []; params?: {} }
    'dev.mailbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news.index': { paramsTuple?: []; params?: {} }
    'news_feeds.rss': { paramsTuple?: []; params?: {} }
    'news_feeds.atom': { paramsTuple?: []; params?: {} }
    'news.category': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news_feeds.category_rss': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news_feeds.category_atom': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news.tag': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'news.by_id': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_images.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'width': ParamValue} }
    'news_unsubscribe.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'news_manage.index': { paramsTuple?: []; params?: {} }
    'news_posts.create': { paramsTuple?: []; params?: {} }
    'news_categories.index': { paramsTuple?: []; params?: {} }
    'news_authors.index': { paramsTuple?: []; params?: {} }
    'news_posts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_notifications.edit': { paramsTuple?: []; params?: {} }
    'news.show': { paramsTuple: [ParamValue]; params: {'slug': ParamValue} }
    'documents.index': { paramsTuple?: []; params?: {} }
    'folders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'document_versions.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'folders.create': { paramsTuple?: []; params?: {} }
    'folders.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'directory.index': { paramsTuple?: []; params?: {} }
    'member_profiles.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'professional_info.edit': { paramsTuple?: []; params?: {} }
    'events.index': { paramsTuple?: []; params?: {} }
    'events.calendar': { paramsTuple?: []; params?: {} }
    'event_feeds.public': { paramsTuple?: []; params?: {} }
    'event_feeds.personal': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'events.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_feeds.event': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'events.cover': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'events.create': { paramsTuple?: []; params?: {} }
    'events.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_tickets.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_attendees.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_attendees.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_check_ins.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_feeds.edit': { paramsTuple?: []; params?: {} }
    'membership.show': { paramsTuple?: []; params?: {} }
    'applications.create': { paramsTuple?: []; params?: {} }
    'seats.accept': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'profile_field_values.edit': { paramsTuple?: []; params?: {} }
    'admin.members.index': { paramsTuple?: []; params?: {} }
    'admin.members.statistics': { paramsTuple?: []; params?: {} }
    'admin.members.export.create': { paramsTuple?: []; params?: {} }
    'admin.members.export.show': { paramsTuple?: []; params?: {} }
    'admin.members.import.create': { paramsTuple?: []; params?: {} }
    'admin.members.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applications.index': { paramsTuple?: []; params?: {} }
    'admin.applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applications.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.badges.index': { paramsTuple?: []; params?: {} }
    'admin.badges.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.membership_types.index': { paramsTuple?: []; params?: {} }
    'admin.profile_fields.index': { paramsTuple?: []; params?: {} }
    'admin.profile_fields.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  POST: {
    'session.store': { paramsTuple?: []; params?: {} }
    'registration.store': { paramsTuple?: []; params?: {} }
    'password_reset.store': { paramsTuple?: []; params?: {} }
    'password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verification.resend': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'avatar.update': { paramsTuple?: []; params?: {} }
    'account_email.update': { paramsTuple?: []; params?: {} }
    'account_password.update': { paramsTuple?: []; params?: {} }
    'data_export.store': { paramsTuple?: []; params?: {} }
    'admin.jobs.retry': { paramsTuple: [ParamValue,ParamValue]; params: {'queue': ParamValue,'id': ParamValue} }
    'news_unsubscribe.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'news_posts.store': { paramsTuple?: []; params?: {} }
    'news_posts.preview': { paramsTuple?: []; params?: {} }
    'news_categories.store': { paramsTuple?: []; params?: {} }
    'news_authors.store': { paramsTuple?: []; params?: {} }
    'news_reviews.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_reviews.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_reviews.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_reviews.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_reviews.pin': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'folders.store': { paramsTuple?: []; params?: {} }
    'folder_grants.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'document_versions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'document_versions.restore': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'versionId': ParamValue} }
    'events.store': { paramsTuple?: []; params?: {} }
    'events.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_registrations.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_attendees.approve': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'event_attendees.decline': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'event_check_ins.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_feeds.regenerate': { paramsTuple?: []; params?: {} }
    'applications.store': { paramsTuple?: []; params?: {} }
    'seats.store': { paramsTuple?: []; params?: {} }
    'seats.accept.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'admin.members.import.preview': { paramsTuple?: []; params?: {} }
    'admin.members.import.store': { paramsTuple?: []; params?: {} }
    'admin.members.bulk.store': { paramsTuple?: []; params?: {} }
    'admin.members.renewals.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.members.badges.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applications.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applications.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.badges.store': { paramsTuple?: []; params?: {} }
    'admin.membership_types.store': { paramsTuple?: []; params?: {} }
    'admin.profile_fields.store': { paramsTuple?: []; params?: {} }
  }
  PUT: {
    'profile.update': { paramsTuple?: []; params?: {} }
    'admin.users.role.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.users.status.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_categories.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_posts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_notifications.update': { paramsTuple?: []; params?: {} }
    'folders.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'professional_info.update': { paramsTuple?: []; params?: {} }
    'events.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'profile_field_values.update': { paramsTuple?: []; params?: {} }
    'admin.members.status.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.badges.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.membership_types.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile_fields.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'avatar.destroy': { paramsTuple?: []; params?: {} }
    'account_sessions.destroy_others': { paramsTuple?: []; params?: {} }
    'account_sessions.destroy_all': { paramsTuple?: []; params?: {} }
    'account_sessions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_deletion.destroy': { paramsTuple?: []; params?: {} }
    'admin.users.lockout.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_categories.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_authors.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_posts.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'news_posts.destroy_image': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'folders.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'folder_grants.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'grantId': ParamValue} }
    'documents.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_registrations.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'event_feeds.revoke': { paramsTuple?: []; params?: {} }
    'seats.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.members.badges.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'badgeId': ParamValue} }
    'admin.badges.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile_fields.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PATCH: {
    'admin.badges.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.membership_types.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile_fields.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}