import { type PlaceKind, pathIds } from '../../domain/places.js';
import type { Role } from '../../domain/roles.js';
import type { Kysely } from 'kysely';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import type { PlaceRow } from '../db/schema.js';
import { insertUser } from '../features/auth/auth.repository.js';
import { insertBinding } from '../features/bindings/bindings.repository.js';
import { ensureGrant } from '../features/grants/grants.service.js';
import { newId } from '../lib/ids.js';
import { hashPassword } from '../lib/passwords.js';
import { seedDemoLighting } from './demo-lighting.js';
import { seedDemoMembers } from './demo-members.js';
import { seedDemoNeeds } from './demo-needs.js';
import { seedDemoOrganisation } from './demo-organisation.js';
import { seedDemoPartners } from './demo-partners.js';
import { seedDemoStandards } from './demo-standards.js';

/** Every demo account shares this password; the README and the start-up banner print it. */
export const DEMO_PASSWORD = 'linli2026';

/** A place of the demo tree: name, kind, children. Ids are made at seeding. */
interface Node {
  key?: string;
  kind: PlaceKind;
  name: string;
  children?: Node[];
}

function households(prefix: string, floors: number, perFloor: number, keyPrefix?: string): Node[] {
  const out: Node[] = [];
  for (let f = 1; f <= floors; f++) {
    for (let r = 1; r <= perFloor; r++) {
      const flat = `${f}0${r}`;
      out.push({
        kind: 'household',
        name: `${prefix}${flat}室`,
        ...(keyPrefix ? { key: `${keyPrefix}-${flat}` } : {}),
      });
    }
  }
  return out;
}

function buildings(count: number, floors: number, perFloor: number, keyPrefix?: string, from = 1): Node[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      kind: 'building' as const,
      name: `${n}幢`,
      ...(keyPrefix ? { key: `${keyPrefix}-b${n}` } : {}),
      children: households('', floors, perFloor, keyPrefix ? `${keyPrefix}-b${n}` : undefined),
    };
  });
}

/** The demo district of SPEC.md §6, modelled on the Jiaojiang report. */
const TREE: Node = {
  key: 'jiaojiang',
  kind: 'district',
  name: '椒江区',
  children: [
    {
      key: 'jiaozhi',
      kind: 'street',
      name: '葭沚街道',
      children: [
        {
          key: 'xinjing',
          kind: 'community',
          name: '新景社区',
          children: [
            { key: 'yijing', kind: 'compound', name: '颐景名苑', children: buildings(4, 6, 2, 'yijing') },
            { key: 'xinjing-garden', kind: 'compound', name: '新景花园', children: buildings(3, 5, 2) },
          ],
        },
      ],
    },
    {
      key: 'haimen',
      kind: 'street',
      name: '海门街道',
      children: [
        {
          key: 'dongshan',
          kind: 'community',
          name: '东山社区',
          children: [
            { key: 'yunjian', kind: 'compound', name: '云间小区', children: buildings(3, 12, 2, 'yunjian') },
            { key: 'haimen-centre', kind: 'compound', name: '海门商务中心', children: buildings(2, 8, 4) },
          ],
        },
      ],
    },
    {
      key: 'baiyun',
      kind: 'street',
      name: '白云街道',
      children: [
        {
          key: 'xueyuan',
          kind: 'community',
          name: '学院社区',
          children: [
            {
              key: 'zhongxin',
              kind: 'compound',
              name: '中心怡园',
              children: [
                ...buildings(2, 6, 2),
                {
                  kind: 'building',
                  name: '11幢',
                  key: 'zhongxin-b11',
                  children: [
                    { kind: 'unit', name: '1单元', children: households('1单元', 6, 2, 'zhongxin-b11-u1') },
                    { kind: 'unit', name: '2单元', children: households('2单元', 6, 2) },
                  ],
                },
              ],
            },
            { key: 'xuecheng', kind: 'compound', name: '学成小区', children: buildings(4, 5, 2, 'xuecheng') },
            { key: 'xuefu', kind: 'compound', name: '学府花园', children: buildings(2, 5, 2, 'xuefu') },
            { key: 'wenchang', kind: 'compound', name: '文昌苑', children: buildings(2, 5, 2, 'wenchang') },
          ],
        },
      ],
    },
  ],
};

export interface DemoAccount {
  login: string;
  displayName: string;
  phone: string;
  role: Role;
  /** Key of the place in TREE; null for the system administrator. */
  place: string | null;
  note: string;
}

/** One account for every role, with community staff and residents in two communities. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    login: 'admin',
    displayName: '系统管理员',
    phone: '13800000001',
    role: 'system_admin',
    place: null,
    note: 'everything',
  },
  {
    login: 'district',
    displayName: '椒江区管理员',
    phone: '13800000002',
    role: 'district_admin',
    place: 'jiaojiang',
    note: 'Jiaojiang District',
  },
  {
    login: 'street',
    displayName: '葭沚街道管理员',
    phone: '13800000003',
    role: 'street_admin',
    place: 'jiaozhi',
    note: 'Jiaozhi Street',
  },
  {
    login: 'staff.xinjing',
    displayName: '陈晓燕',
    phone: '13800000004',
    role: 'community_staff',
    place: 'xinjing',
    note: 'Xinjing Community',
  },
  {
    login: 'staff.dongshan',
    displayName: '王建国',
    phone: '13800000005',
    role: 'community_staff',
    place: 'dongshan',
    note: 'Dongshan Community',
  },
  {
    login: 'staff.xueyuan',
    displayName: '李文',
    phone: '13800000006',
    role: 'community_staff',
    place: 'xueyuan',
    note: 'Xueyuan Community',
  },
  {
    login: 'secretary',
    displayName: '周红梅',
    phone: '13800000007',
    role: 'branch_secretary',
    place: 'yijing',
    note: 'Yijing Mingyuan branch',
  },
  {
    login: 'instructor',
    displayName: '黄志强',
    phone: '13800000008',
    role: 'instructor',
    place: 'yijing',
    note: 'Yijing Mingyuan',
  },
  {
    login: 'leader',
    displayName: '张海',
    phone: '13800000009',
    role: 'building_leader',
    place: 'yijing-b1',
    note: 'Yijing Mingyuan 1幢',
  },
  {
    login: 'groupleader',
    displayName: '刘芳',
    phone: '13800000010',
    role: 'group_leader',
    place: 'yijing-b1',
    note: 'Yijing Mingyuan 1幢 party group',
  },
  {
    login: 'volunteer',
    displayName: '赵磊',
    phone: '13800000011',
    role: 'volunteer',
    place: 'yijing',
    note: 'Yijing Mingyuan',
  },
  {
    login: 'member',
    displayName: '吴军',
    phone: '13800000012',
    role: 'party_member',
    place: 'yijing-b1-301',
    note: 'in-service member, 1幢301',
  },
  {
    login: 'partner',
    displayName: '台州职业技术学院 联络人',
    phone: '13800000013',
    role: 'partner_contact',
    place: 'xinjing',
    note: 'Taizhou Vocational & Technical College',
  },
  {
    login: 'resident',
    displayName: '林阿姨',
    phone: '13800000014',
    role: 'resident',
    place: 'yijing-b1-201',
    note: 'Yijing Mingyuan 1幢201',
  },
  {
    login: 'resident.yunjian',
    displayName: '郑大爷',
    phone: '13800000015',
    role: 'resident',
    place: 'yunjian-b2-1201',
    note: 'Yunjian 2幢1201',
  },
  {
    login: 'resident.xueyuan',
    displayName: '孙丽',
    phone: '13800000016',
    role: 'resident',
    place: 'zhongxin-b11-u1-302',
    note: 'Zhongxin Yiyuan 11幢1单元302',
  },
];

/** What the demo's later parts (organisation, partners, lighting, …) get to build on. */
export interface DemoContext {
  trx: Kysely<Database>;
  at: string;
  /** A place of the demo tree by its key, e.g. 'xinjing', 'yijing', 'yijing-b1', 'yijing-b1-301'. */
  place(key: string): PlaceRow;
  /** The user id of a demo account by login, e.g. 'member'. */
  user(login: string): string;
}

/** Each capability adds its part of the demo district here, in this order, inside the seeding transaction. */
const DEMO_EXTENSIONS: ((ctx: DemoContext) => Promise<void>)[] = [
  seedDemoOrganisation,
  seedDemoStandards,
  seedDemoPartners,
  seedDemoLighting,
  seedDemoMembers,
  seedDemoNeeds,
];

/** Whether the database already holds places (a demo is created only on an empty one). */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom('places').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Create the demo district, its accounts and a pending household request. Runs in one transaction. */
export async function seedDemo(db: Db, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.kysely.transaction().execute(async (trx) => {
    const byKey = new Map<string, PlaceRow>();
    const rows: PlaceRow[] = [];
    const walk = (node: Node, parent: PlaceRow | null) => {
      const id = newId();
      const row: PlaceRow = {
        id,
        parent_id: parent?.id ?? null,
        kind: node.kind,
        name: node.name,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: (parent?.depth ?? -1) + 1,
        community_id: node.kind === 'community' ? id : (parent?.community_id ?? null),
        archived_at: null,
        created_at: at,
        updated_at: at,
      };
      rows.push(row);
      if (node.key) byKey.set(node.key, row);
      for (const child of node.children ?? []) walk(child, row);
    };
    walk(TREE, null);
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('places')
        .values(rows.slice(i, i + 200))
        .execute();

    const users = new Map<string, string>();
    for (const a of DEMO_ACCOUNTS) {
      const id = newId();
      users.set(a.login, id);
      await insertUser(trx, {
        id,
        username: a.login,
        phone: a.phone,
        phoneVerifiedAt: at,
        displayName: a.displayName,
        passwordHash,
        now: at,
      });
      const place = a.place === null ? null : byKey.get(a.place);
      if (place === undefined) throw new Error(`demo place ${a.place} missing`);
      await ensureGrant(trx, { userId: id, role: a.role, place, by: null, now: at });
      if (a.role === 'party_member' && place) {
        await ensureGrant(trx, { userId: id, role: 'resident', place, by: null, now: at });
      }
    }

    // A newcomer waiting for the building leader or community staff to approve her household.
    const newcomer = newId();
    await insertUser(trx, {
      id: newcomer,
      username: 'newcomer',
      phone: '13800000017',
      phoneVerifiedAt: at,
      displayName: '何静',
      passwordHash,
      now: at,
    });
    const ctx: DemoContext = {
      trx,
      at,
      place: (key) => {
        const p = byKey.get(key);
        if (!p) throw new Error(`demo place ${key} missing`);
        return p;
      },
      user: (login) => {
        const id = users.get(login);
        if (!id) throw new Error(`demo account ${login} missing`);
        return id;
      },
    };
    for (const extend of DEMO_EXTENSIONS) await extend(ctx);

    const flat = byKey.get('yijing-b1-102')!;
    await insertBinding(trx, {
      id: newId(),
      userId: newcomer,
      householdId: flat.id,
      communityId: flat.community_id!,
      note: '刚搬来，租住 1幢102',
      now: at,
    });
  });
}

/** The demo log-ins as they are in this database: [{ login, password, role, placeId }]. */
export async function demoAccounts(db: Db) {
  const logins = DEMO_ACCOUNTS.map((a) => a.login);
  const rows = await db.kysely
    .selectFrom('users')
    .leftJoin('grants', 'grants.user_id', 'users.id')
    .leftJoin('places', 'places.id', 'grants.place_id')
    .select([
      'users.username',
      'users.display_name',
      'grants.role',
      'grants.place_id',
      'places.name as place_name',
      'places.path as place_path',
    ])
    .where('users.username', 'in', logins)
    .execute();
  // Names along each place's path below the district, so "1幢" reads "颐景名苑 1幢".
  const ids = [...new Set(rows.flatMap((r) => (r.place_path ? pathIds(r.place_path) : [])))];
  const names = new Map(
    ids.length === 0
      ? []
      : (await db.kysely.selectFrom('places').select(['id', 'name', 'kind']).where('id', 'in', ids).execute())
          .filter((p) => p.kind !== 'district' && p.kind !== 'street')
          .map((p) => [p.id, p.name]),
  );
  return logins.flatMap((login) => {
    const mine = rows.filter((r) => r.username === login);
    const demo = DEMO_ACCOUNTS.find((a) => a.login === login);
    const main = mine.find((r) => r.role === demo?.role) ?? mine[0];
    if (!main) return [];
    return [
      {
        login,
        password: DEMO_PASSWORD,
        role: main.role ?? 'none',
        placeId: main.place_id ?? null,
        placeName: main.place_name ?? (main.role === 'system_admin' ? 'all' : ''),
        placePath: main.place_path
          ? pathIds(main.place_path)
              .flatMap((id) => names.get(id) ?? [])
              .join(' ') ||
            (main.place_name ?? '')
          : 'all',
        displayName: main.display_name,
      },
    ];
  });
}
