import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3'

/**
 * An S3 API server (s3rver) on a temporary folder, for running the portal with `DRIVE_DISK=s3`.
 * It refuses requests signed with another access key id or for a bucket it does not have, so
 * the app's settings must reach the AWS SDK for an upload to land. It does not recompute SigV4
 * signatures, though: a wrong secret goes unnoticed.
 */
export class LocalS3 {
  readonly bucket = 'guildhall-uploads'
  readonly region = 'eu-west-1'
  // The only access key id s3rver knows.
  readonly accessKeyId = 'S3RVER'
  readonly secretAccessKey = 'S3RVER'
  readonly client: S3Client

  private constructor(
    private server: S3rver,
    readonly directory: string,
    readonly endpoint: string
  ) {
    this.client = new S3Client(this.clientConfig())
  }

  static async start() {
    const directory = await mkdtemp(join(tmpdir(), 'guildhall-s3-'))
    const server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      directory,
      silent: true,
      configureBuckets: [{ name: 'guildhall-uploads' }],
    })
    const { port } = await server.run()
    return new LocalS3(server, directory, `http://127.0.0.1:${port}`)
  }

  /** The settings that point the portal's drive at this server. */
  appEnv(): NodeJS.ProcessEnv {
    return {
      DRIVE_DISK: 's3',
      S3_BUCKET: this.bucket,
      S3_REGION: this.region,
      S3_ACCESS_KEY_ID: this.accessKeyId,
      S3_SECRET_ACCESS_KEY: this.secretAccessKey,
      S3_ENDPOINT: this.endpoint,
    }
  }

  clientConfig(): S3ClientConfig {
    return {
      region: this.region,
      endpoint: this.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey },
    }
  }

  /** Keys of every object in the bucket, sorted. */
  async keys() {
    const listing = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket }))
    return (listing.Contents ?? []).map((object) => object.Key!).sort()
  }

  async bytes(key: string) {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))
    return Buffer.from(await object.Body!.transformToByteArray())
  }

  /** Removes every object, so a test starts from an empty bucket whatever the last one left. */
  async empty() {
    for (const key of await this.keys()) {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
    }
  }

  async stop() {
    this.client.destroy()
    await this.server.close()
    await rm(this.directory, { recursive: true, force: true })
  }
}
