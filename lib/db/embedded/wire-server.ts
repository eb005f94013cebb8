// Serves one PGlite database to many loopback connections over the Postgres wire protocol.
//
// PGlite is a single session, so messages of different connections must never interleave
// inside a protocol exchange: an extended-protocol query is Parse/Bind/Execute/Sync, and a
// Parse from another connection in between replaces the unnamed statement ("unnamed prepared
// statement does not exist" — what pglite-socket 0.2.17 does under load). Here each
// connection's messages are grouped up to a Sync/Query boundary and a group runs whole; a
// connection that leaves the session inside a transaction (ReadyForQuery status ≠ 'I') keeps
// the session until it is idle again, so transactions are isolated too. No authentication:
// it listens on 127.0.0.1 only.
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

type Connection = { socket: net.Socket; started: boolean; buffer: Buffer; group: Uint8Array[] };
type Job = { connection: Connection; messages: Uint8Array[] };

/** Status byte of the last ReadyForQuery in a server reply, or null if there is none. */
function lastReadyStatus(reply: Uint8Array): number | null {
  let status: number | null = null;
  for (let at = 0; at + 5 <= reply.length; ) {
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
  private running = false;

  constructor(
    private readonly db: PGlite,
    private readonly options: { host: string; maxConnections: number },
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
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: net.Socket): void {
    const connection: Connection = { socket, started: false, buffer: Buffer.alloc(0), group: [] };
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
        this.enqueue(connection, [buffer.subarray(0, length)]);
        continue;
      }
      if (buffer.length < 5) return;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return;
      const message = buffer.subarray(0, length);
      connection.buffer = buffer.subarray(length);
      if (message[0] === TERMINATE) {
        connection.socket.end();
        return;
      }
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
    for (const message of messages) {
      const reply = await this.db.runExclusive(() => this.db.execProtocolRaw(message));
      if (reply.length && !connection.socket.destroyed) connection.socket.write(reply);
      status = lastReadyStatus(reply) ?? status;
    }
    if (status === null) this.owner = connection; // mid-exchange (Flush, COPY): keep the session
    else this.owner = status === IDLE ? null : connection;
  }

  /** A closed connection gives up its queued work, and rolls back a transaction it left open. */
  private drop(connection: Connection): void {
    this.connections.delete(connection);
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.connection === connection) this.queue.splice(i, 1);
    if (this.owner !== connection) return;
    const release = async () => {
      await this.db.runExclusive(() => this.db.execProtocolRaw(simpleQuery("ROLLBACK"))).catch(() => undefined);
      if (this.owner === connection) this.owner = null;
      await this.pump();
    };
    void release();
  }
}
