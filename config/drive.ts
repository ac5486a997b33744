import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/*
 * Uploads are private: the fs disk lives outside public/ and is never served directly; files
 * reach users only through controllers that authorize first.
 */
/*
 * Each test run writes to a folder of its own, removed when the run ends (tests/bootstrap.ts),
 * so parallel runs do not see each other's files and nothing piles up.
 */
export const uploadsLocation = app.inTest
  ? app.makePath('storage', 'test-uploads', String(process.pid))
  : app.makePath('storage', 'uploads')

const disk = env.get('DRIVE_DISK', 'fs')

const driveConfig = defineConfig({
  default: disk,
  services: {
    fs: services.fs({
      location: uploadsLocation,
      serveFiles: false,
      visibility: 'private',
    }),
    // Registered only when chosen: the provider loads every registered service's driver at boot,
    // and the AWS SDK alone adds about 30 MB to each process.
    ...(disk === 's3' && {
      s3: services.s3({
        credentials: {
          accessKeyId: env.get('S3_ACCESS_KEY_ID', ''),
          secretAccessKey: env.get('S3_SECRET_ACCESS_KEY', ''),
        },
        region: env.get('S3_REGION', 'us-east-1'),
        bucket: env.get('S3_BUCKET', ''),
        endpoint: env.get('S3_ENDPOINT'),
        forcePathStyle: Boolean(env.get('S3_ENDPOINT')),
        visibility: 'private',
      }),
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
