import Database from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';

import { derivedKeys } from '../../src/crm/contacts/text-keys.js';
import type { DatabaseTarget } from '../../src/db/database-url.js';
import type { SyntheticContact } from './synthetic-contacts.js';

/** The database driver under Prisma, used directly: the baseline every figure is compared with. */
export interface RawDriver {
  /** Plain inserts of contacts (and their tags), in one transaction, no duplicate handling. */
  insertContacts(contacts: SyntheticContact[]): Promise<void>;
  /** The query the API's search runs, written by hand: rows of one page with their tags. */
  search(terms: string[], limit: number): Promise<unknown[]>;
  /** One contact by id, with what the API's detail view reads: tags, conversations, sources, research links. */
  getContact(id: string): Promise<unknown>;
  anyIds(count: number): Promise<string[]>;
  close(): Promise<void>;
}

const COLUMNS = [
  'id',
  'fullName',
  'title',
  'company',
  'email',
  'emailStatus',
  'linkedinUrl',
  'location',
  'nameKey',
  'companyKey',
  'searchText',
  'keysVersion',
  'createdAt',
  'updatedAt',
];

function rowOf(c: SyntheticContact, now: Date) {
  return {
    id: uuidv7(),
    fullName: c.fullName,
    title: c.title,
    company: c.company,
    email: c.email,
    emailStatus: 'found',
    linkedinUrl: c.linkedinUrl,
    location: c.location,
    // The keys the app stores with each contact, made the same way.
    ...derivedKeys(c),
    createdAt: now,
    updatedAt: now,
  };
}

export async function openRawDriver(target: DatabaseTarget): Promise<RawDriver> {
  return target.provider === 'sqlite' ? sqliteDriver(target.filePath!) : postgresDriver(target.url);
}

function sqliteDriver(file: string): RawDriver {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    `INSERT INTO "Contact" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const insertTag = db.prepare(`INSERT INTO "ContactTag" ("contactId", "tag") VALUES (?, ?)`);
  const tagsOf = (ids: string[]) =>
    ids.length
      ? db
          .prepare(`SELECT "contactId", "tag" FROM "ContactTag" WHERE "contactId" IN (${ids.map(() => '?').join(',')})`)
          .all(...ids)
      : [];
  return {
    insertContacts: async (contacts) => {
      const now = Date.now();
      db.transaction(() => {
        for (const c of contacts) {
          const row = rowOf(c, new Date(now));
          insert.run({ ...row, createdAt: now, updatedAt: now });
          for (const tag of c.tags) insertTag.run(row.id, tag);
        }
      })();
    },
    search: async (terms, limit) => {
      const where = terms.map(() => `"searchText" LIKE ?`).join(' AND ');
      const rows = db
        .prepare(`SELECT * FROM "Contact" WHERE ${where} ORDER BY "id" DESC LIMIT ?`)
        .all(...terms.map((t) => `%${t}%`), limit + 1) as { id: string }[];
      tagsOf(rows.map((r) => r.id));
      return rows;
    },
    getContact: async (id) => {
      const row = db.prepare(`SELECT * FROM "Contact" WHERE "id" = ?`).get(id);
      tagsOf([id]);
      for (const table of ['Conversation', 'ResearchSource', 'ResearchTaskContact'])
        db.prepare(`SELECT * FROM "${table}" WHERE "contactId" = ?`).all(id);
      return row;
    },
    anyIds: async (count) =>
      (db.prepare(`SELECT "id" FROM "Contact" ORDER BY random() LIMIT ?`).all(count) as { id: string }[]).map(
        (r) => r.id,
      ),
    close: async () => {
      db.close();
    },
  };
}

function postgresDriver(url: string): RawDriver {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const tagsOf = (ids: string[]) =>
    ids.length
      ? pool.query(`SELECT "contactId", "tag" FROM "ContactTag" WHERE "contactId" = ANY($1)`, [ids])
      : undefined;
  return {
    insertContacts: async (contacts) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const now = new Date();
        for (let i = 0; i < contacts.length; i += 500) {
          const part = contacts.slice(i, i + 500).map((c) => ({ row: rowOf(c, now), tags: c.tags }));
          const values: unknown[] = [];
          const tuples = part.map(
            (_, j) =>
              `(${COLUMNS.map((c, k) => `$${j * COLUMNS.length + k + 1}${c === 'emailStatus' ? '::"EmailStatus"' : ''}`).join(',')})`,
          );
          for (const { row } of part) values.push(...COLUMNS.map((c) => row[c as keyof typeof row]));
          await client.query(
            `INSERT INTO "Contact" (${COLUMNS.map((c) => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`,
            values,
          );
          const tags = part.flatMap(({ row, tags }) => tags.map((tag) => [row.id, tag]));
          if (tags.length)
            await client.query(
              `INSERT INTO "ContactTag" ("contactId","tag") SELECT * FROM unnest($1::text[], $2::text[])`,
              [tags.map((t) => t[0]), tags.map((t) => t[1])],
            );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    search: async (terms, limit) => {
      const where = terms.map((_, i) => `"searchText" LIKE $${i + 1}`).join(' AND ');
      const { rows } = await pool.query(
        `SELECT * FROM "Contact" WHERE ${where} ORDER BY "id" DESC LIMIT $${terms.length + 1}`,
        [...terms.map((t) => `%${t}%`), limit + 1],
      );
      await tagsOf(rows.map((r: { id: string }) => r.id));
      return rows;
    },
    getContact: async (id) => {
      const { rows } = await pool.query(`SELECT * FROM "Contact" WHERE "id" = $1`, [id]);
      await tagsOf([id]);
      for (const table of ['Conversation', 'ResearchSource', 'ResearchTaskContact'])
        await pool.query(`SELECT * FROM "${table}" WHERE "contactId" = $1`, [id]);
      return rows[0];
    },
    anyIds: async (count) =>
      (await pool.query(`SELECT "id" FROM "Contact" ORDER BY random() LIMIT $1`, [count])).rows.map(
        (r: { id: string }) => r.id,
      ),
    close: () => pool.end(),
  };
}
