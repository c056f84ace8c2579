import { join } from 'node:path';
import Database from 'better-sqlite3';
import { inject } from 'vitest';

/**
 * The newest code the local SMS adapter "sent" to a phone. The default channel records messages in
 * the database instead of sending them, which is exactly what a test needs to read.
 */
export async function latestSmsCode(phone: string, since: string): Promise<string> {
  const db = new Database(join(inject('dataDir'), 'linli.db'), { readonly: true, fileMustExist: true });
  try {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const row = db
        .prepare(
          'select body from channel_messages where recipient = ? and created_at >= ? order by created_at desc limit 1',
        )
        .get(phone, since) as { body: string } | undefined;
      const code = row?.body.match(/\d{6}/)?.[0];
      if (code) return code;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no SMS code for ${phone}`);
  } finally {
    db.close();
  }
}
