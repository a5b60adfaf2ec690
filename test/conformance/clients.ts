// The real clients of the conformance suite: MiniMax's mmx CLI, its JS MCP server over stdio, a guide-style Python
// script. Each runs as its own process against the studio, as a user would run it.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MMX = join(root, 'node_modules/mmx-cli/dist/mmx.mjs');
const MCP = join(root, 'node_modules/minimax-mcp-js/build/index.js');
const SCRIPT = join(root, 'test/conformance/guide_style.py');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A self-signed certificate for localhost: mmx fetches downloads over https only, so the studio serves TLS. */
export function localCertificate(): { keyPath: string; certPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'studio-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  return { keyPath, certPath };
}

/** `mmx …` with a fresh HOME (no saved login), the studio's certificate trusted through NODE_EXTRA_CA_CERTS. */
export function mmx(args: string[], certPath: string): Promise<Run> {
  const home = mkdtempSync(join(tmpdir(), 'mmx-home-'));
  return run(process.execPath, [MMX, ...args, '--non-interactive'], { HOME: home, NODE_EXTRA_CA_CERTS: certPath });
}

/** minimax-mcp-js started through its own entry point, spoken to over stdio with the MCP SDK. */
export async function mcpClient(env: Record<string, string>): Promise<{ call(tool: string, args: Record<string, unknown>): Promise<string>; close(): Promise<void> }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [MCP], env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'ignore' });
  const client = new Client({ name: 'conformance', version: '1.0.0' });
  await client.connect(transport);
  return {
    async call(tool, args) {
      const result = (await client.callTool({ name: tool, arguments: args }, undefined, { timeout: 90_000 })) as { content: { type: string; text?: string }[] };
      return result.content.map((c) => c.text ?? '').join('\n');
    },
    close: () => client.close(),
  };
}

/** The first python3 that can import requests (pyenv's, or Debian's python3-requests on CI); none is a failure. */
export function pythonWithRequests(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      // the interpreter itself, not a shim: the script runs with a bare environment
      return execFileSync(candidate, ['-c', 'import requests, sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
    } catch {
      // try the next
    }
  }
  throw new Error('No python3 with the requests package: install python3-requests (.ci/run does).');
}

export function guideScript(python: string, host: string, key: string, certPath: string, args: string[]): Promise<Run> {
  return run(python, [SCRIPT, ...args], { MINIMAX_API_HOST: host, MINIMAX_API_KEY: key, REQUESTS_CA_BUNDLE: certPath, HOME: tmpdir() });
}

/** GET over https trusting only the studio's own certificate: the status and the body's length. */
export function getTrusted(url: string, certPath: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    get(url, { ca: readFileSync(certPath) }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
    }).on('error', reject);
  });
}
