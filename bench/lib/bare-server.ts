/**
 * Baseline peer: a bare `node:http` server answering every request with one constant JSON body.
 * Run as its own process: `node --import tsx bench/lib/bare-server.ts` with PORT (and optionally
 * BODY, the JSON to answer with).
 */
import http from 'node:http';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set');
const body = Buffer.from(process.env.BODY ?? JSON.stringify({ status: 'ok' }));

const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
