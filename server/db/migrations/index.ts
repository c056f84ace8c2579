import type { Migration } from 'kysely';
import * as initial from './20261129T1400-initial.js';

/** Every migration, by name; names sort in the order they run. Add new files here, never edit old ones. */
export const migrations: Record<string, Migration> = {
  '20261129T1400-initial': initial,
};
