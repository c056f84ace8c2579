/*
 * Group commit for SQLite: with WAL and `synchronous = FULL` every COMMIT waits for an fsync, and
 * under concurrent load that wait is much of a transaction's cost. This driver runs transactions
 * one at a time as before, but each one is a SAVEPOINT inside a shared `BEGIN` … `COMMIT` (a
 * batch), and one COMMIT makes the whole batch durable.
 *
 *  - A transaction's `execute()` resolves only after a COMMIT that holds its writes has returned.
 *    While it waits for that COMMIT it hands the connection on to the next waiter.
 *  - A transaction that throws is rolled back to its savepoint; the rest of the batch is untouched.
 *  - The batch is committed once nothing else is ready to run. better-sqlite3 is synchronous, so a
 *    request's transaction usually runs start to end without letting another request in: other
 *    requests are not waiting for the connection, they wait in the event loop. So whenever the
 *    connection is handed on with a batch open, a flush is scheduled with setImmediate, which runs
 *    after the requests that are ready in this turn of the event loop; it commits if the connection
 *    is free then (a holder schedules another when it hands on). A lone request is committed at the
 *    end of the turn it ran in.
 *  - The batch is committed at once when it holds `maxBatchSize` transactions or has been open
 *    `maxBatchMs`; both are checked whenever the connection changes hands. A batch cannot be
 *    committed while a transaction is half-way through it, so one slow transaction delays it.
 *  - A write outside a transaction that finds a batch open joins it and commits it before it returns.
 *  - If the COMMIT fails, or SQLite rolls the whole batch back by itself (SQLITE_FULL, IOERR, …),
 *    every transaction of the batch rejects with that error; none is reported committed.
 *
 * What changes for callers: a read can see another request's transaction that has finished but
 * whose batch is not yet committed (it is committed or failed a few milliseconds later); and a
 * DEFERRABLE foreign key broken by one transaction fails its whole batch at COMMIT (the schema
 * has none).
 */

// From node:timers, not the globals: a test's fake timers must not stop commits.
import { clearImmediate, setImmediate } from 'node:timers';
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  createQueryId,
  type DatabaseConnection,
  type Driver,
  IdentifierNode,
  type QueryCompiler,
  type QueryResult,
  RawNode,
  SelectQueryNode,
  SqliteDialect,
} from 'kysely';

/** When to commit a batch before the event loop runs out of ready work. */
export interface GroupCommitOptions {
  /** Commit once this many transactions wait in the batch. */
  maxBatchSize?: number;
  /** Commit once the batch has been open this long, in milliseconds. */
  maxBatchMs?: number;
  /** Called after every real COMMIT with the number of transactions and writes it made durable. */
  onCommit?: (members: number) => void;
}

/** SqliteDialect (its adapter, query compiler and introspector) with the group-commit driver. */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase.Database;
  readonly #options: GroupCommitOptions;

  constructor(database: SqliteDatabase.Database, options: GroupCommitOptions = {}) {
    super({ database });
    this.#database = database;
    this.#options = options;
  }

  override createDriver(): Driver {
    return new GroupCommitSqliteDriver(this.#database, this.#options);
  }
}

/** A FIFO lock that hands itself straight to the next waiter (Kysely's own mutex wakes them all). */
class QueueMutex {
  #locked = false;
  readonly #waiters: (() => void)[] = [];

  tryLock(): boolean {
    if (this.#locked) return false;
    this.#locked = true;
    return true;
  }

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

/** One outer transaction and the members waiting for its COMMIT. */
class Batch {
  readonly openedAt = performance.now();
  /** Transactions and autocommit writes released into the batch. */
  members = 0;
  failure: Error | undefined;
  readonly done: Promise<void>;
  settle!: (failure?: Error) => void;

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (failure) => {
        this.failure = failure;
        if (failure) reject(failure);
        else resolve();
      };
    });
    // Nobody may be waiting (the committer gets the error directly): not an unhandled rejection.
    this.done.catch(() => undefined);
  }
}

/** One acquisition of the single connection, so the driver knows whose transaction a call is for. */
class GroupCommitConnection implements DatabaseConnection {
  /** False once a commit handed the connection on; a later query takes it back. */
  holding = true;
  /** The savepoint of this acquisition's transaction while it is open. */
  savepoint: string | undefined;
  batch: Batch | undefined;

  constructor(private readonly driver: GroupCommitSqliteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await this.driver.hold(this);
    return this.driver.run(this, query) as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    await this.driver.hold(this);
    yield* this.driver.stream(this, query) as Iterable<QueryResult<R>>;
  }
}

class GroupCommitSqliteDriver implements Driver {
  readonly #db: SqliteDatabase.Database;
  readonly #mutex = new QueueMutex();
  readonly #maxBatchSize: number;
  readonly #maxBatchMs: number;
  readonly #onCommit: (members: number) => void;
  #batch: Batch | undefined;
  #flush: NodeJS.Immediate | undefined;
  #savepoints = 0;

  constructor(db: SqliteDatabase.Database, options: GroupCommitOptions) {
    this.#db = db;
    this.#maxBatchSize = options.maxBatchSize ?? 64;
    this.#maxBatchMs = options.maxBatchMs ?? 20;
    this.#onCommit = options.onCommit ?? (() => undefined);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return new GroupCommitConnection(this);
  }

  async beginTransaction(conn: GroupCommitConnection): Promise<void> {
    await this.hold(conn);
    // IMMEDIATE: the batch takes the write lock at once (waiting out busy_timeout if another process
    // holds it), so a read at its start cannot leave it with a stale snapshot that no later member
    // could write from.
    if (!this.#batch) {
      this.#guard(() => this.#db.exec('begin immediate'));
      this.#batch = new Batch();
    }
    // Unique names: a member's savepoint can never be mistaken for another's.
    const savepoint = `linli_tx_${++this.#savepoints}`;
    this.#guard(() => this.#db.exec(`savepoint ${savepoint}`));
    conn.savepoint = savepoint;
    conn.batch = this.#batch;
  }

  async commitTransaction(conn: GroupCommitConnection): Promise<void> {
    await this.hold(conn);
    const batch = this.#openBatchOf(conn);
    this.#guard(() => this.#db.exec(`release ${conn.savepoint}`));
    conn.savepoint = undefined;
    batch.members++;
    if (this.#isFull(batch)) return this.#commit();
    // Let the others in (their transactions join this batch) and answer once its COMMIT has
    // returned. Kysely releases this acquisition next, which is then a no-op.
    conn.holding = false;
    this.#handOn();
    await batch.done;
  }

  async rollbackTransaction(conn: GroupCommitConnection): Promise<void> {
    // Nothing to undo: the transaction is already in a batch (whose failure it has reported), or
    // SQLite already rolled back the whole batch.
    if (conn.savepoint === undefined || conn.batch?.failure) return;
    await this.hold(conn);
    const savepoint = conn.savepoint;
    this.#guard(() => this.#db.exec(`rollback to ${savepoint}; release ${savepoint}`));
    conn.savepoint = undefined;
  }

  async savepoint(conn: GroupCommitConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await conn.executeQuery(compile(savepointCommand('savepoint', name), createQueryId()));
  }

  async rollbackToSavepoint(
    conn: GroupCommitConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await conn.executeQuery(compile(savepointCommand('rollback to', name), createQueryId()));
  }

  async releaseSavepoint(conn: GroupCommitConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await conn.executeQuery(compile(savepointCommand('release', name), createQueryId()));
  }

  async releaseConnection(conn: GroupCommitConnection): Promise<void> {
    if (!conn.holding) return;
    conn.holding = false;
    if (conn.savepoint !== undefined && this.#batch && conn.batch === this.#batch) {
      // Still inside its transaction (its rollback failed): its writes must never reach a COMMIT.
      this.#fail(this.#batch, new Error('A transaction ended without commit or rollback'));
    }
    if (this.#batch && this.#isFull(this.#batch)) this.#commitQuietly();
    this.#handOn();
  }

  async destroy(): Promise<void> {
    if (this.#flush) clearImmediate(this.#flush);
    if (this.#batch) {
      // A batch waiting for its flush is committed; one with a transaction still inside is not.
      if (this.#mutex.tryLock()) this.#commitQuietly();
      else this.#fail(this.#batch, new Error('The database was closed before the commit'));
    }
    this.#db.close();
  }

  /** Take the connection back for an acquisition whose commit handed it on. */
  async hold(conn: GroupCommitConnection): Promise<void> {
    if (conn.holding) return;
    await this.#mutex.lock();
    conn.holding = true;
  }

  /** Run one query for `conn`, through the statement cache like Kysely's SqliteDriver. */
  run(conn: GroupCommitConnection, { sql, parameters }: CompiledQuery): QueryResult<unknown> {
    if (conn.savepoint !== undefined) this.#openBatchOf(conn);
    const statement = this.#db.prepare(sql);
    const result = this.#guard((): QueryResult<unknown> => {
      if (statement.reader) return { rows: statement.all(parameters) };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    });
    // A write outside a transaction that ran inside an open batch is durable only with the batch.
    if (conn.savepoint === undefined && this.#batch && !statement.readonly) {
      this.#batch.members++;
      this.#commit();
    }
    return result;
  }

  *stream(
    conn: GroupCommitConnection,
    { sql, parameters, query }: CompiledQuery,
  ): Iterable<QueryResult<unknown>> {
    if (!SelectQueryNode.is(query))
      throw new Error('Sqlite driver only supports streaming of select queries');
    if (conn.savepoint !== undefined) this.#openBatchOf(conn);
    const rows = this.#db.prepare(sql).iterate(parameters);
    try {
      while (true) {
        const next = this.#guard(() => rows.next());
        if (next.done) return;
        yield { rows: [next.value] };
      }
    } finally {
      // A stream left early must still free the connection's statement.
      rows.return?.();
    }
  }

  /** The batch of `conn`'s transaction; throws its error if SQLite has rolled it back. */
  #openBatchOf(conn: GroupCommitConnection): Batch {
    const batch = conn.batch;
    if (batch?.failure) throw batch.failure;
    if (!batch || batch !== this.#batch) throw new Error('The transaction is not open');
    return batch;
  }

  #isFull(batch: Batch): boolean {
    return batch.members >= this.#maxBatchSize || performance.now() - batch.openedAt >= this.#maxBatchMs;
  }

  /** Pass the connection to the next waiter; an open batch gets committed once nothing else is ready. */
  #handOn(): void {
    if (this.#batch && !this.#flush) {
      this.#flush = setImmediate(() => {
        this.#flush = undefined;
        // Held again: that holder schedules the next flush when it hands the connection on.
        if (!this.#batch || !this.#mutex.tryLock()) return;
        this.#commitQuietly();
        this.#mutex.unlock();
      });
    }
    this.#mutex.unlock();
  }

  /** Commit for the batch's members, who get any error; the caller wrote nothing of the batch. */
  #commitQuietly(): void {
    try {
      this.#commit();
    } catch {
      // Reported to every member of the batch.
    }
  }

  /** COMMIT the open batch and answer its members; a failure goes to all of them and to the caller. */
  #commit(): void {
    const batch = this.#batch!;
    try {
      // A batch whose transactions all rolled back holds nothing to make durable.
      this.#db.exec(batch.members === 0 ? 'rollback' : 'commit');
    } catch (error) {
      this.#fail(batch, error);
      throw error;
    }
    this.#batch = undefined;
    batch.settle();
    if (batch.members > 0) this.#onCommit(batch.members);
  }

  /** End a batch that will not be committed: roll back what SQLite has not, reject its members. */
  #fail(batch: Batch, error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.#batch = undefined;
    if (this.#db.inTransaction) {
      try {
        this.#db.exec('rollback');
      } catch {
        // The error worth reporting is `error`; SQLite ends the transaction itself if this fails.
      }
    }
    batch.settle(failure);
  }

  /**
   * Run a statement; when its error made SQLite roll back the whole batch (SQLITE_FULL, IOERR,
   * BUSY, NOMEM or an `OR ROLLBACK` conflict), every member of the batch fails with it.
   */
  #guard<T>(statement: () => T): T {
    try {
      return statement();
    } catch (error) {
      if (this.#batch && !this.#db.inTransaction) this.#fail(this.#batch, error);
      throw error;
    }
  }
}

function savepointCommand(command: string, name: string): RawNode {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);
}
