// The TypeScript SDK's own example server (examples/server/jsonResponseStreamableHttp of
// @modelcontextprotocol/sdk 1.32.2: McpServer + StreamableHTTPServerTransport, JSON answers, one
// session per client) with its per-request console.log left out, as the reference for bench_server.
// Uses the SDK pinned in tests/mcp (npm ci there). Prints its port on stderr.
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../../tests/mcp/node_modules');
const load = p => import(pathToFileURL(join(root, p)).href);
const { McpServer } = await load('@modelcontextprotocol/sdk/dist/esm/server/mcp.js');
const { StreamableHTTPServerTransport } = await load('@modelcontextprotocol/sdk/dist/esm/server/streamableHttp.js');
const { isInitializeRequest } = await load('@modelcontextprotocol/sdk/dist/esm/types.js');
const { createMcpExpressApp } = await load('@modelcontextprotocol/sdk/dist/esm/server/express.js');
const z = await load('zod/v4/index.js');

const getServer = () => {
  const server = new McpServer({ name: 'json-response-streamable-http-server', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('greet', { description: 'A simple greeting tool', inputSchema: { name: z.string().describe('Name to greet') } },
    async ({ name }) => ({ content: [{ type: 'text', text: `Hello, ${name}!` }] }));
  server.registerTool('multi-greet', { description: 'A tool that sends different greetings with delays between them',
    inputSchema: { name: z.string().describe('Name to greet') } },
    async ({ name }) => ({ content: [{ type: 'text', text: `Good morning, ${name}!` }] }));
  return server;
};

const app = createMcpExpressApp();
const sessions = new Map();
app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'];
  let transport = sessionId ? sessions.get(sessionId) : undefined;
  if (!transport) {
    if (sessionId || !isInitializeRequest(req.body))
      return res.status(sessionId ? 404 : 400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request' }, id: null });
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), enableJsonResponse: true,
      onsessioninitialized: id => sessions.set(id, transport) });
    transport.onclose = () => sessions.delete(transport.sessionId);
    await getServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});
app.get('/mcp', (req, res) => res.status(405).set('Allow', 'POST').send('Method Not Allowed'));
const listener = app.listen(0, '127.0.0.1', () => console.error(`SDK example server listening on 127.0.0.1:${listener.address().port}`));
