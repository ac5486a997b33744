import { defineConfig } from '@adonisjs/core/bodyparser'

/*
 * Body size limits: forms are small; multipart covers avatar and document uploads, whose own
 * per-file limits are checked by the upload services.
 *
 * Form fields are not trimmed here: a password must reach the validator exactly as typed.
 * Validators trim the fields where surrounding spaces are noise (`vine.string().trim()`).
 */
const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: false,
    limit: '256kb',
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    limit: '256kb',
    strict: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  raw: {
    types: ['text/*'],
    limit: '256kb',
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    trimWhitespaces: false,
    // Document uploads stream through their controllers, which enforce the size limit.
    processManually: ['/documents/folders/:id/documents', '/documents/:id/versions'],
    limit: '25mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
