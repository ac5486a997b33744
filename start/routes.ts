/*
 * Routes, one file per domain under start/routes/.
 */
import '#start/routes/pages'
import '#start/routes/auth'
import '#start/routes/account'
import '#start/routes/admin'
import '#start/routes/operations'
import '#start/routes/news'
import '#start/routes/documents'
import '#start/routes/directory'
import '#start/routes/events'
import '#start/routes/members'
