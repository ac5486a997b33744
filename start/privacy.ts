/*
 * Every module holding personal data registers its exporter and eraser here
 * (app/services/privacy/privacy_registry.ts), so "download my data" and account deletion
 * cover all of them.
 */
import '#services/privacy/account_privacy'
import '#services/privacy/news_privacy'
import '#services/privacy/documents_privacy'
import '#services/privacy/members_privacy'
import '#services/privacy/events_privacy'
import '#services/privacy/directory_privacy'
import '#services/privacy/data_exports_privacy'
