import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Audit entries keep the facts of the change as JSON, so the console can word them in any language.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('params', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('params').execute();
}
