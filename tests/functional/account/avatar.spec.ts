import { test } from '@japa/runner'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import type User from '#models/user'
import ImageUploadService from '#services/uploads/image_upload_service'
import { htmlPretendingToBePng, jpegWithExif, pngImage } from '#tests/fixtures/images'

async function storedAvatar(user: User) {
  await user.refresh()
  return user.avatarKey ? ImageUploadService.read(user.avatarKey) : null
}

test.group('Account / avatar upload', (group) => {
  isolateDatabase(group)

  test('a real PNG is stored resized to a 256px square under a random key', async ({
    client,
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    const response = await client
      .post('/account/avatar')
      .file('avatar', await pngImage(640, 480), {
        filename: 'holiday photo.png',
        contentType: 'image/png',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('success', 'Your picture was updated.')

    const bytes = await storedAvatar(user)
    cleanup(() => ImageUploadService.delete(user.avatarKey))
    assert.isNotNull(bytes)
    assert.match(user.avatarKey!, /^avatars\/[0-9a-f-]{36}\.webp$/)
    assert.notInclude(user.avatarKey!, 'holiday')
    const metadata = await sharp(bytes!).metadata()
    assert.equal(metadata.format, 'webp')
    assert.equal(metadata.width, 256)
    assert.equal(metadata.height, 256)
  })

  test('camera and location metadata is stripped from a JPEG', async ({
    client,
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    const original = await jpegWithExif()
    const originalMetadata = await sharp(original).metadata()
    assert.isDefined(originalMetadata.exif, 'the fixture carries EXIF')

    await client
      .post('/account/avatar')
      .file('avatar', original, { filename: 'me.jpg', contentType: 'image/jpeg' })
      .loginAs(user)
      .withCsrfToken()
    const bytes = await storedAvatar(user)
    cleanup(() => ImageUploadService.delete(user.avatarKey))
    const metadata = await sharp(bytes!).metadata()
    assert.isUndefined(metadata.exif)
    assert.isUndefined(metadata.xmp)
    assert.isUndefined(metadata.iptc)
    assert.notInclude(bytes!.toString('latin1'), 'Someone Private')
  })

  test('replacing the picture deletes the previous file', async ({ client, assert, cleanup }) => {
    const user = await UserFactory.create()
    await client
      .post('/account/avatar')
      .file('avatar', await pngImage(), { filename: 'a.png' })
      .loginAs(user)
      .withCsrfToken()
    await user.refresh()
    const firstKey = user.avatarKey!

    await client
      .post('/account/avatar')
      .file('avatar', await jpegWithExif(), { filename: 'b.jpg' })
      .loginAs(user)
      .withCsrfToken()
    await user.refresh()
    cleanup(() => ImageUploadService.delete(user.avatarKey))
    assert.notEqual(user.avatarKey, firstKey)
    assert.isFalse(await drive.use().exists(firstKey))
    assert.isTrue(await drive.use().exists(user.avatarKey!))
  })

  test('a .png file that is really HTML is refused by its content', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await client
      .post('/account/avatar')
      .file('avatar', htmlPretendingToBePng, { filename: 'avatar.png', contentType: 'image/png' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    response.assertTextIncludes('The file is not a PNG, JPEG, WebP or GIF image.')
    response.assertTextIncludes('id="field-avatar-error"')
    await user.refresh()
    assert.isNull(user.avatarKey)
  })

  test('an oversized file is refused and the earlier picture kept', async ({
    client,
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    await client
      .post('/account/avatar')
      .file('avatar', await pngImage(), { filename: 'a.png' })
      .loginAs(user)
      .withCsrfToken()
    await user.refresh()
    const keptKey = user.avatarKey!
    cleanup(() => ImageUploadService.delete(keptKey))

    // A real PNG followed by 6 MB: the limit applies to the bytes received, not to the pixels.
    const oversized = Buffer.concat([await pngImage(), Buffer.alloc(6 * 1024 * 1024, 1)])
    const response = await client
      .post('/account/avatar')
      .file('avatar', oversized, { filename: 'big.png', contentType: 'image/png' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    response.assertTextIncludes('The image is larger than 5 MB.')
    await user.refresh()
    assert.equal(user.avatarKey, keptKey)
    assert.isTrue(await drive.use().exists(keptKey))
  })

  test('submitting without a file asks for one', async ({ client }) => {
    const user = await UserFactory.create()
    const response = await client
      .post('/account/avatar')
      .fields({})
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    response.assertTextIncludes('Choose an image to upload.')
  })

  test('the picture can be removed', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await client
      .post('/account/avatar')
      .file('avatar', await pngImage(), { filename: 'a.png' })
      .loginAs(user)
      .withCsrfToken()
    await user.refresh()
    const key = user.avatarKey!
    await client.delete('/account/avatar').loginAs(user).withCsrfToken()
    await user.refresh()
    assert.isNull(user.avatarKey)
    assert.isFalse(await drive.use().exists(key))
  })

  test('an upload needs the CSRF token', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await client
      .post('/account/avatar')
      .file('avatar', await pngImage(), { filename: 'a.png' })
      .loginAs(user)
      .redirects(0)
    assert.notEqual(response.status(), 200)
    await user.refresh()
    assert.isNull(user.avatarKey)
  })
})

test.group('Account / avatar visibility', (group) => {
  isolateDatabase(group)

  test('who sees a picture follows the profile visibility', async ({ client, assert, cleanup }) => {
    const member = await UserFactory.create()
    const nonMember = await UserFactory.apply('nonMember').create()
    const board = await UserFactory.apply('board').create()
    const expectations: Record<string, Record<string, number>> = {
      public: { visitor: 200, nonMember: 200, member: 200, owner: 200, board: 200 },
      members: { visitor: 404, nonMember: 404, member: 200, owner: 200, board: 200 },
      private: { visitor: 404, nonMember: 404, member: 404, owner: 200, board: 200 },
    }

    for (const [visibility, byViewer] of Object.entries(expectations)) {
      const owner = await UserFactory.merge({ profileVisibility: visibility }).create()
      await client
        .post('/account/avatar')
        .file('avatar', await pngImage(), { filename: 'a.png' })
        .loginAs(owner)
        .withCsrfToken()
      await owner.refresh()
      cleanup(() => ImageUploadService.delete(owner.avatarKey))

      const viewers: Record<string, User | null> = {
        visitor: null,
        nonMember,
        member,
        owner,
        board,
      }
      for (const [name, viewer] of Object.entries(viewers)) {
        const request = client.get(`/avatars/${owner.id}`)
        const response = await (viewer ? request.loginAs(viewer) : request)
        assert.equal(response.status(), byViewer[name], `${name} viewing a ${visibility} picture`)
        if (response.status() === 200) {
          assert.equal(response.header('content-type'), 'image/webp')
          assert.equal(response.header('x-content-type-options'), 'nosniff')
          assert.match(
            response.header('cache-control') ?? '',
            visibility === 'public' ? /^public/ : /^private/
          )
        }
      }
    }
  })

  test('a member without a picture and an unknown member both answer 404', async ({ client }) => {
    const user = await UserFactory.merge({ profileVisibility: 'public' }).create()
    const withoutPicture = await client.get(`/avatars/${user.id}`)
    withoutPicture.assertStatus(404)
    const unknown = await client.get('/avatars/999999')
    unknown.assertStatus(404)
  })

  test('a disabled account shows its picture to nobody but the board', async ({
    client,
    cleanup,
  }) => {
    const owner = await UserFactory.merge({ profileVisibility: 'public' }).create()
    const member = await UserFactory.create()
    const board = await UserFactory.apply('board').create()
    await client
      .post('/account/avatar')
      .file('avatar', await pngImage(), { filename: 'a.png' })
      .loginAs(owner)
      .withCsrfToken()
    await owner.refresh()
    cleanup(() => ImageUploadService.delete(owner.avatarKey))
    owner.status = 'disabled'
    await owner.save()
    const asMember = await client.get(`/avatars/${owner.id}`).loginAs(member)
    asMember.assertStatus(404)
    const asBoard = await client.get(`/avatars/${owner.id}`).loginAs(board)
    asBoard.assertStatus(200)
  })
})
