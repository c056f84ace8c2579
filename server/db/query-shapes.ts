import { type Compilable, type CompiledQuery, createQueryId, type Kysely } from 'kysely';

/**
 * Kysely builds and compiles a query afresh on every call. For a page of needs around a volunteer
 * (a UNION of up to nine branches with three counted subqueries) that was 15% of the request's CPU,
 * more than running it on SQLite. A query built often in the same shape with other values is built
 * and compiled once per shape instead, and each call binds its own values.
 *
 * The caller passes its values through `value()`, which returns a stand-in string, and builds the
 * query from the stand-ins. The shape is everything else the caller puts in its key, so the key must
 * hold every input of the query except the values (JSON of the inputs with stand-ins in place of the
 * values does). A value may be a whole parameter or part of one (a LIKE prefix, `${path}%`); a value
 * that ends up in the SQL text itself (`sql.lit`) is refused, since it would be frozen into the shape.
 */
export class QueryShapes {
  private readonly shapes = new WeakMap<object, Map<string, Shape>>();
  private readonly limit: number;

  constructor(limit = 500) {
    this.limit = limit;
  }

  /** Collects the values of one call; `value(v)` returns the stand-in to build the query with. */
  values(): { value: (v: string) => string; list: string[] } {
    const list: string[] = [];
    return {
      list,
      value: (v: string) => {
        list.push(v);
        return standIn(list.length - 1);
      },
    };
  }

  /** The query of shape `key` with `values` bound, built by `build` only the first time. */
  compile<DB, O>(
    db: Kysely<DB>,
    key: string,
    values: readonly string[],
    build: () => Compilable<O>,
  ): CompiledQuery<O> {
    // Per database kind: the adapter is one object per Kysely instance, shared by its transactions.
    const adapter = db.getExecutor().adapter;
    let byKey = this.shapes.get(adapter);
    if (!byKey) {
      byKey = new Map();
      this.shapes.set(adapter, byKey);
    }
    let shape = byKey.get(key);
    if (!shape) {
      shape = shapeOf(build().compile(), values.length);
      if (byKey.size >= this.limit) byKey.delete(byKey.keys().next().value!);
      byKey.set(key, shape);
    }
    return {
      query: shape.query,
      queryId: createQueryId(),
      sql: shape.sql,
      parameters: shape.slots.map((slot) => fill(slot, values)),
    };
  }
}

interface Shape {
  query: CompiledQuery['query'];
  sql: string;
  /** Per parameter: a constant, or the parts of a string made of stand-ins (value indexes) and text. */
  slots: Slot[];
}

type Slot = { constant: unknown } | { parts: (string | number)[] };

const MARK = '\u0000';
const standIn = (i: number) => `${MARK}${i}${MARK}`;

function shapeOf(compiled: CompiledQuery, count: number): Shape {
  if (compiled.sql.includes(MARK)) {
    throw new Error(
      'A value of a shaped query is in its SQL text, not in a parameter: build it with a parameter.',
    );
  }
  const used = new Set<number>();
  const slots = compiled.parameters.map((p): Slot => {
    if (typeof p !== 'string' || !p.includes(MARK)) return { constant: p };
    const parts = p.split(MARK).map((text, i) => (i % 2 === 1 ? Number(text) : text));
    for (const part of parts) if (typeof part === 'number') used.add(part);
    return { parts: parts.filter((part) => part !== '') };
  });
  if (used.size !== count) throw new Error('A value of a shaped query is not in any of its parameters.');
  return { query: compiled.query, sql: compiled.sql, slots };
}

function fill(slot: Slot, values: readonly string[]): unknown {
  if ('constant' in slot) return slot.constant;
  const [only, ...more] = slot.parts;
  if (more.length === 0 && typeof only === 'number') return values[only];
  return slot.parts.map((part) => (typeof part === 'number' ? values[part] : part)).join('');
}
