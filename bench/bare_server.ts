/*
 * The baseline: a bare node:http server answering every request with one recorded response
 * (status, headers and body captured from the portal), so the comparison measures only what
 * the framework adds. Runs with plain `node` (type stripping), no loader.
 *
 *   node bench/bare_server.ts <port> <response.json>
 */
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

const [port, responseFile] = process.argv.slice(2)
const recorded = JSON.parse(readFileSync(responseFile, 'utf8')) as {
  status: number
  headers: Array<[string, string]>
  body: string
}
const body = Buffer.from(recorded.body, 'utf8')
const headers = [...recorded.headers.flat(), 'content-length', String(body.byteLength)]

const server = createServer((_request, response) => {
  response.writeHead(recorded.status, headers)
  response.end(body)
})
server.listen(Number(port), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
