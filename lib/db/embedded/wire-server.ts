// Serves one PGlite database to many loopback connections over the Postgres wire protocol.
//
// PGlite is a single session, so messages of different connections must never interleave
// inside a protocol exchange: an extended-protocol query is Parse/Bind/Execute/Sync, and a
// Parse from another connection in between replaces the unnamed statement ("unnamed prepared
// statement does not exist" — what pglite-socket 0.2.17 does under load). Here each
// connection's messages are grouped up to a Sync/Query boundary and a group runs whole; a
// connection that leaves the session inside a transaction (ReadyForQuery status ≠ 'I') keeps
// the session until it is idle again, so transactions are isolated too.
//
// Locked down (docs/security.md): it listens on 127.0.0.1 and asks every connection for the
// owner's random password (cleartext over loopback; the password lives in the 0600 owner.json),
// and a connection that holds the session inside a transaction without sending anything for
// `idleInTransactionMs` — or holds it longer than `maxTransactionMs` — is cut off and rolled back,
// so no client can keep the one session from everyone else.
import { timingSafeEqual } from "node:crypto";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Messages after which the client waits for the server: the end of a group. */
const GROUP_ENDS = new Set(["S", "Q", "H", "c", "f"].map((c) => c.charCodeAt(0)));
const TERMINATE = "X".charCodeAt(0);
const READY_FOR_QUERY = "Z".charCodeAt(0);
const IDLE = "I".charCodeAt(0);
const PASSWORD_MESSAGE = "p".charCodeAt(0);

/** A startup not yet authenticated keeps its StartupMessage until the password arrives. */
type Connection = {
  socket: net.Socket;
  started: boolean;
  authenticated: boolean;
  startup: Uint8Array | null;
  buffer: Buffer;
  group: Uint8Array[];
};

export type TWireServerOptions = {
  host: string;
  maxConnections: number;
  /** Every connection must send this password. */
  password: string;
  /** Cut off a connection idle inside a transaction this long (default 60 s). */
  idleInTransactionMs?: number;
  /** Cut off a connection holding the session in one transaction this long (default 30 min). */
  maxTransactionMs?: number;
};

const authenticationCleartext = () => Buffer.from([82, 0, 0, 0, 8, 0, 0, 0, 3]);

/** ErrorResponse (severity FATAL, code, message), then the server closes the connection. */
function fatal(code: string, message: string): Buffer {
  const fields = Buffer.concat([Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0`), Buffer.from([0])]);
  const out = Buffer.alloc(5 + fields.length);
  out.write("E", 0);
  out.writeInt32BE(4 + fields.length, 1);
  fields.copy(out, 5);
  return out;
}

function samePassword(sent: Buffer, expected: string): boolean {
  const want = Buffer.from(expected);
  return sent.length === want.length && timingSafeEqual(sent, want);
}
type Job = { connection: Connection; messages: Uint8Array[] };

/** Status byte of the last ReadyForQuery in a server reply, or null if there is none. */
function lastReadyStatus(reply: Uint8Array): number | null {
  let status: number | null = null;
  for (let at = 0; at + 5 <= reply.length;) {
    const length = (reply[at + 1]! << 24) | (reply[at + 2]! << 16) | (reply[at + 3]! << 8) | reply[at + 4]!;
    if (reply[at] === READY_FOR_QUERY) status = reply[at + 5] ?? null;
    at += 1 + length;
  }
  return status;
}

const simpleQuery = (sql: string) => {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
};

export class WireServer {
  private server: net.Server | undefined;
  private readonly connections = new Set<Connection>();
  private readonly queue: Job[] = [];
  /** The connection holding the session inside a transaction, if any. */
  private owner: Connection | null = null;
  private ownerSince = 0;
  private ownerTimer: NodeJS.Timeout | undefined;
  private busy = false;
  private running = false;

  constructor(
    private readonly db: PGlite,
    private readonly options: TWireServerOptions,
  ) {}

  async start(): Promise<number> {
    const server = net.createServer((socket) => this.accept(socket));
    server.maxConnections = this.options.maxConnections;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, this.options.host, () => resolve());
    });
    return (server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    clearTimeout(this.ownerTimer);
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: net.Socket): void {
    const connection: Connection = { socket, started: false, authenticated: false, startup: null, buffer: Buffer.alloc(0), group: [] };
    this.connections.add(connection);
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.receive(connection, chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.drop(connection));
  }

  private receive(connection: Connection, chunk: Buffer): void {
    connection.buffer = Buffer.concat([connection.buffer, chunk]);
    for (;;) {
      const buffer = connection.buffer;
      if (!connection.started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        connection.buffer = buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          connection.socket.write("N"); // no encryption on loopback
          continue;
        }
        if (code === CANCEL_REQUEST) {
          connection.socket.end();
          return;
        }
        connection.started = true;
        connection.startup = buffer.subarray(0, length);
        connection.socket.write(authenticationCleartext());
        continue;
      }
      if (buffer.length < 5) return;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return;
      const message = buffer.subarray(0, length);
      connection.buffer = buffer.subarray(length);
      if (!connection.authenticated) {
        // Only the password may come before authentication; PGlite never sees anything else.
        const sent = message[0] === PASSWORD_MESSAGE ? Buffer.from(message.subarray(5, message.length - 1)) : Buffer.alloc(0);
        if (!samePassword(sent, this.options.password)) {
          connection.socket.end(fatal("28P01", "password authentication failed"));
          return;
        }
        connection.authenticated = true;
        this.enqueue(connection, [connection.startup!]);
        connection.startup = null;
        continue;
      }
      if (message[0] === TERMINATE) {
        connection.socket.end();
        return;
      }
      if (connection === this.owner) this.armOwnerTimer();
      connection.group.push(message);
      if (GROUP_ENDS.has(message[0]!)) {
        this.enqueue(connection, connection.group);
        connection.group = [];
      }
    }
  }

  private enqueue(connection: Connection, messages: Uint8Array[]): void {
    this.queue.push({ connection, messages });
    void this.pump();
  }

  /** Runs queued groups one at a time; while a connection owns the session, only its groups. */
  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((job) => job.connection === this.owner) : 0;
        const job = index >= 0 ? this.queue.splice(index, 1)[0] : undefined;
        if (!job) return;
        try {
          await this.run(job);
        } catch {
          // PGlite reports SQL errors in the protocol; a throw means this exchange is broken.
          job.connection.socket.destroy();
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async run({ connection, messages }: Job): Promise<void> {
    let status: number | null = null;
    // A statement at work is not idle: the clock runs only between exchanges.
    this.busy = true;
    clearTimeout(this.ownerTimer);
    try {
      for (const message of messages) {
        const reply = await this.db.runExclusive(() => this.db.execProtocolRaw(message));
        if (reply.length && !connection.socket.destroyed) connection.socket.write(reply);
        status = lastReadyStatus(reply) ?? status;
      }
    } finally {
      this.busy = false;
    }
    const holds = status === null || status !== IDLE; // mid-exchange (Flush, COPY) or in a transaction
    this.setOwner(holds ? connection : null);
  }

  private setOwner(connection: Connection | null): void {
    if (connection !== this.owner) this.ownerSince = Date.now();
    this.owner = connection;
    this.armOwnerTimer();
  }

  /**
   * While a connection holds the session: cut it off when it has been silent for the idle limit,
   * or has held the session for the transaction limit (its transaction rolls back on close).
   */
  private armOwnerTimer(): void {
    clearTimeout(this.ownerTimer);
    const owner = this.owner;
    if (!owner || this.busy) return;
    const idle = this.options.idleInTransactionMs ?? 60_000;
    const remaining = this.ownerSince + (this.options.maxTransactionMs ?? 30 * 60_000) - Date.now();
    this.ownerTimer = setTimeout(
      () => {
        if (this.owner !== owner) return;
        owner.socket.end(fatal("25P03", "terminating connection: idle in transaction, or holding the database too long"));
        owner.socket.destroy();
      },
      Math.max(0, Math.min(idle, remaining)),
    );
    this.ownerTimer.unref();
  }

  /** A closed connection gives up its queued work, and rolls back a transaction it left open. */
  private drop(connection: Connection): void {
    this.connections.delete(connection);
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.connection === connection) this.queue.splice(i, 1);
    if (this.owner !== connection) return;
    const release = async () => {
      await this.db.runExclusive(() => this.db.execProtocolRaw(simpleQuery("ROLLBACK"))).catch(() => undefined);
      if (this.owner === connection) this.setOwner(null);
      await this.pump();
    };
    void release();
  }
}
