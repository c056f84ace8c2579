import {
  AliasNode,
  DeleteQueryNode,
  InsertQueryNode,
  type Kysely,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  TableNode,
  type UnknownRow,
  UpdateQueryNode,
} from 'kysely';
import pg from 'pg';

/**
 * In-process copies of what nearly every request reads: a session with its grants ('auth'), a place
 * by id ('places'), a district's settings ('settings') and where needs reach a user ('reach', read from
 * eight tables). On PostgreSQL each read is a round trip; a page of needs made six, needs around a
 * volunteer ten.
 *
 * A copy is dropped, for its whole kind, when anything writes a table it is made of:
 *  - in this process, by this Kysely plugin, which sees every insert, update and delete (also inside
 *    transactions) when the statement is sent and again when it returns;
 *  - in every other instance (PostgreSQL), by statement triggers that `pg_notify('linli_rows', table)`
 *    on commit (migration 20261201T0900-row-cache-triggers) and one LISTEN connection per instance.
 *    Nothing is kept until that connection is listening, and nothing while it is down.
 *  - at the latest after `ttlMs`, for writers neither reaches (the CLI writing the SQLite file the
 *    server has open).
 * Reads inside a transaction never use the copies: a transaction reads its own writes and the
 * database's state, and the copies only ever hold committed rows read outside one.
 */
export type RowCacheKind = 'auth' | 'places' | 'settings' | 'reach';

type Write = 'insert' | 'update' | 'delete';

/**
 * The tables each kind is made of, and the writes that change a copy; each drops every copy of its
 * kinds. A new session, user or place changes no copy (a row that is not there is never kept), and a
 * session's idle clock is not used from a copy (its reader drops the copy when it moves the clock).
 * The PostgreSQL triggers cover the same writes.
 */
export const CACHED_TABLES: Readonly<
  Record<string, { kinds: readonly RowCacheKind[]; on: readonly Write[] }>
> = {
  sessions: { kinds: ['auth'], on: ['delete'] },
  users: { kinds: ['auth'], on: ['update', 'delete'] },
  grants: { kinds: ['auth', 'reach'], on: ['insert', 'update', 'delete'] },
  places: { kinds: ['auth', 'places', 'reach'], on: ['update', 'delete'] },
  district_settings: { kinds: ['settings'], on: ['insert', 'update', 'delete'] },
  ...Object.fromEntries(
    [
      'people',
      'party_members',
      'red_butlers',
      'central_households',
      'partner_unit_contacts',
      'partner_units',
      'organisations',
      'organisation_buildings',
      'pairings',
    ].map((table) => [table, { kinds: ['reach'], on: ['insert', 'update', 'delete'] }]),
  ),
};

export const ROW_CACHE_CHANNEL = 'linli_rows';

const LIMITS: Record<RowCacheKind, number> = { auth: 10_000, places: 50_000, settings: 1_000, reach: 10_000 };

interface Entry {
  value: unknown;
  at: number;
}

export interface RowCacheOptions {
  ttlMs?: number;
  /** PostgreSQL: where to LISTEN for other instances' writes. Without it, copies are kept at once. */
  pgUrl?: string;
  now?: () => number;
}

export class RowCache implements KyselyPlugin {
  private readonly maps: Record<RowCacheKind, Map<string, Entry>> = {
    auth: new Map(),
    places: new Map(),
    settings: new Map(),
    reach: new Map(),
  };
  /** Bumped by every drop, so that a row read before a write is not kept after it. */
  private readonly generations: Record<RowCacheKind, number> = { auth: 0, places: 0, settings: 0, reach: 0 };
  private readonly pending = new WeakMap<QueryId, readonly RowCacheKind[]>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly pgUrl: string | undefined;
  private listener: pg.Client | null = null;
  private state: 'off' | 'connecting' | 'on' | 'closed';
  private retryAfter = 0;

  constructor(options: RowCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.pgUrl = options.pgUrl;
    this.state = this.pgUrl ? 'off' : 'on';
  }

  /** Whether copies are being kept (false while the PostgreSQL listener is not connected). */
  get active(): boolean {
    return this.state === 'on';
  }

  get(kind: RowCacheKind, key: string): unknown {
    const entry = this.maps[kind].get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs || this.state !== 'on') {
      this.maps[kind].delete(key);
      return undefined;
    }
    return entry.value;
  }

  generation(kind: RowCacheKind): number {
    return this.generations[kind];
  }

  /** Keep `value`, read when generation(kind) was `generation`, unless a write came in between. */
  set(kind: RowCacheKind, key: string, value: unknown, generation: number) {
    if (this.state !== 'on') {
      this.startListening();
      return;
    }
    if (generation !== this.generations[kind]) return;
    const map = this.maps[kind];
    map.delete(key);
    if (map.size >= LIMITS[kind]) map.delete(map.keys().next().value!);
    map.set(key, { value: deepFreeze(value), at: this.now() });
  }

  /** Drop one copy (the reader changed something of it that no table trigger reports). */
  forget(kind: RowCacheKind, key: string) {
    this.generations[kind]++;
    this.maps[kind].delete(key);
  }

  /** Drop every copy made of this table. */
  forgetTable(table: string) {
    for (const kind of CACHED_TABLES[table]?.kinds ?? []) this.forgetKind(kind);
  }

  forgetAll() {
    for (const kind of Object.keys(this.maps) as RowCacheKind[]) this.forgetKind(kind);
  }

  private forgetKind(kind: RowCacheKind) {
    this.generations[kind]++;
    this.maps[kind].clear();
  }

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const write = writeOf(node);
    const cached = write ? CACHED_TABLES[write.table] : undefined;
    if (write && cached?.on.includes(write.kind)) {
      for (const kind of cached.kinds) this.forgetKind(kind);
      this.pending.set(queryId, cached.kinds);
    }
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // Again once the write has happened: a reader may have copied the old row meanwhile.
    const kinds = this.pending.get(queryId);
    if (kinds) for (const kind of kinds) this.forgetKind(kind);
    return result;
  }

  private startListening() {
    if (!this.pgUrl || this.state !== 'off' || this.now() < this.retryAfter) return;
    this.state = 'connecting';
    const client = new pg.Client({ connectionString: this.pgUrl });
    this.listener = client;
    const down = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.forgetAll();
      if (this.state === 'closed') return;
      this.state = 'off';
      this.retryAfter = this.now() + 5_000;
      client.end().catch(() => {});
    };
    client.on('error', down);
    client.on('end', down);
    client.on('notification', (msg) => {
      if (msg.channel === ROW_CACHE_CHANNEL && msg.payload) this.forgetTable(msg.payload);
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${ROW_CACHE_CHANNEL}`))
      .then(() => {
        if (this.listener === client && this.state === 'connecting') this.state = 'on';
      })
      .catch(down);
  }

  async close() {
    this.state = 'closed';
    this.forgetAll();
    const client = this.listener;
    this.listener = null;
    if (client) await client.end().catch(() => {});
  }
}

function writeOf(node: OperationNode): { table: string; kind: Write } | undefined {
  if (InsertQueryNode.is(node)) return named(node.into, 'insert');
  if (UpdateQueryNode.is(node)) return named(node.table, 'update');
  if (DeleteQueryNode.is(node)) return named(node.from.froms[0], 'delete');
  return undefined;
}

function named(node: OperationNode | undefined, kind: Write): { table: string; kind: Write } | undefined {
  if (node && AliasNode.is(node)) return named(node.node, kind);
  if (node && TableNode.is(node)) return { table: node.table.identifier.name, kind };
  return undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The row cache a Kysely instance was made with (createDb installs one), if any. */
export function rowCacheOf<DB>(db: Kysely<DB>): RowCache | undefined {
  if (db.isTransaction) return undefined;
  return db.getExecutor().plugins.find((p): p is RowCache => p instanceof RowCache);
}

/**
 * The copy of `key`, or `load()` remembered as one. Inside a transaction, and for a row that is not
 * there, it always loads.
 */
export async function cachedRow<DB, T>(
  db: Kysely<DB>,
  kind: RowCacheKind,
  key: string,
  load: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const cache = rowCacheOf(db);
  if (!cache) return load();
  const hit = cache.get(kind, key);
  if (hit !== undefined) return hit as T;
  const generation = cache.generation(kind);
  const value = await load();
  if (value !== undefined) cache.set(kind, key, value, generation);
  return value;
}

/**
 * The copies of `keys` (in no particular order), the missing ones read with one `loadMissing` and
 * remembered. Inside a transaction it always loads them all.
 */
export async function cachedRows<DB, T>(
  db: Kysely<DB>,
  kind: RowCacheKind,
  keys: readonly string[],
  keyOf: (row: T) => string,
  loadMissing: (keys: readonly string[]) => Promise<T[]>,
): Promise<T[]> {
  const cache = rowCacheOf(db);
  if (!cache) return loadMissing(keys);
  const found: T[] = [];
  const missing: string[] = [];
  for (const key of keys) {
    const hit = cache.get(kind, key);
    if (hit === undefined) missing.push(key);
    else found.push(hit as T);
  }
  if (missing.length === 0) return found;
  const generation = cache.generation(kind);
  const loaded = await loadMissing(missing);
  for (const row of loaded) cache.set(kind, keyOf(row), row, generation);
  return [...found, ...loaded];
}
