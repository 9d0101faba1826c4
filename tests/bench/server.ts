import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface RunningServer {
  url: string
  child: ChildProcess
  /** Milliseconds from spawn until /api/health answered 200. */
  startMs: number
  /** Resident and peak resident memory of the server process in bytes (Linux /proc). */
  memory(): { rss: number; peak: number } | undefined
  /** CPU time the server process has used, in milliseconds (Linux /proc). */
  cpuMs(): number
  output(): string
  stop(): Promise<void>
}

/** utime + stime of a process in milliseconds; the kernel counts in ticks of 10 ms. */
function cpuOf(pid: number | undefined): number {
  if (pid === undefined) return 0
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0
  }
}

function memoryOf(pid: number | undefined): { rss: number; peak: number } | undefined {
  if (pid === undefined) return undefined
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
    return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 }
  } catch {
    return undefined
  }
}

/** The V8 flags `pnpm start` gives the server (package.json), so the benchmark measures the same. */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8']

/**
 * Starts `server/src/server.ts` as its own process (the way `pnpm start` runs it, without the
 * web build) and waits until /api/health answers 200.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 120_000): Promise<RunningServer> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/src/server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`))),
  )
  exited.catch(() => {})
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) await exited
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not answer within ${timeoutMs} ms:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const startMs = performance.now() - started
  return {
    url,
    child,
    startMs,
    memory: () => memoryOf(child.pid),
    cpuMs: () => cpuOf(child.pid),
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return
      const done = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await done
    },
  }
}

export interface Session {
  cookie: string
  csrfToken: string
}

export async function login(url: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`)
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? ''
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return { cookie, csrfToken }
}

export const sessionHeaders = (session: Session): Record<string, string> => ({
  cookie: session.cookie,
  'x-csrf-token': session.csrfToken,
  'accept-language': 'sv',
})
