import type { Migration } from 'kysely';
import * as initial from './20261129T1400-initial.js';
import * as uniqueBindingsAndGrants from './20261129T1800-unique-bindings-and-grants.js';
import * as organisation from './20261129T1900-organisation.js';
import * as auditParams from './20261129T1950-audit-params.js';
import * as lightingCards from './20261129T2020-lighting-cards.js';
import * as needs from './20261130T0900-needs.js';
import * as whistleAndReport from './20261130T1000-whistle-and-report.js';
import * as open311 from './20261130T1230-open311.js';
import * as needsAroundIndexes from './20261130T1300-needs-around-indexes.js';
import * as needsReachIndexes from './20261130T1400-needs-reach-indexes.js';
import * as rowCacheTriggers from './20261201T0900-row-cache-triggers.js';

/** Every migration, by name; names sort in the order they run. Add new files here, never edit old ones. */
export const migrations: Record<string, Migration> = {
  '20261129T1400-initial': initial,
  '20261129T1800-unique-bindings-and-grants': uniqueBindingsAndGrants,
  '20261129T1900-organisation': organisation,
  '20261129T1950-audit-params': auditParams,
  '20261129T2020-lighting-cards': lightingCards,
  '20261130T0900-needs': needs,
  '20261130T1000-whistle-and-report': whistleAndReport,
  '20261130T1230-open311': open311,
  '20261130T1300-needs-around-indexes': needsAroundIndexes,
  '20261130T1400-needs-reach-indexes': needsReachIndexes,
  '20261201T0900-row-cache-triggers': rowCacheTriggers,
};
