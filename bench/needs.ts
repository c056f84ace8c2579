// The needs benchmarks (issue 4): posting, listing a building's and a volunteer's needs, and claiming,
// each beside the bare framework and the bare database measured in the same run.
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../server/seed/demo.js';

export interface LoadRow {
  name: string;
  reqPerSec: number;
  p99: number;
  errors: number;
  /** What the errors were (status codes, time-outs), when there were any. */
  failures?: string;
  baseline?: string;
  target?: string;
}

export interface NeedsBenchInput {
  base: string;
  bare: string;
  duration: number;
  resident: { login: string; householdId: string };
  leader: { login: string; buildingId: string };
  volunteer: { login: string };
  districtId: string;
}

async function logIn(base: string, login: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`log-in of ${login} failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function row(name: string, r: autocannon.Result): LoadRow {
  const out: LoadRow = {
    name,
    reqPerSec: Math.round(r.requests.average),
    p99: r.latency.p99,
    errors: r.non2xx + r.errors,
  };
  const failures = failuresOf(r);
  if (failures) out.failures = failures;
  return out;
}

/** What the failed requests were: status codes, time-outs and connection errors, with counts. */
export function failuresOf(r: autocannon.Result): string {
  const codes = Object.entries(
    (r as autocannon.Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
  )
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code}×${s.count}`);
  if (r.timeouts > 0) codes.push(`time-out×${r.timeouts}`);
  if (r.errors > r.timeouts) codes.push(`error×${r.errors - r.timeouts}`);
  return codes.join(', ');
}

export async function benchNeeds(input: NeedsBenchInput): Promise<LoadRow[]> {
  const { base, bare, duration } = input;
  const residentCookie = await logIn(base, input.resident.login);
  const leaderCookie = await logIn(base, input.leader.login);
  const volunteerCookie = await logIn(base, input.volunteer.login);
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({
    placeId: input.resident.householdId,
    category: 'appliance_repair',
    description: '冰箱不制冷，请邻居帮忙看看',
    urgency: 'normal',
  });

  const rows: LoadRow[] = [];
  const bareInsert = row(
    'bare Fastify + DB: insert a need row',
    await autocannon({
      url: `${bare}/need`,
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        districtId: input.districtId,
        placeId: input.resident.householdId,
        description: '冰箱不制冷，请邻居帮忙看看',
      }),
      connections: 20,
      duration,
    }),
  );
  const bareList = row(
    'bare Fastify + DB: 20 needs of a building',
    await autocannon({ url: `${bare}/needs/${input.leader.buildingId}`, connections: 20, duration }),
  );
  rows.push(bareInsert, bareList);
  const vs = (r: LoadRow, b: LoadRow, target?: string): LoadRow => ({
    ...r,
    baseline: `${((r.reqPerSec / b.reqPerSec) * 100).toFixed(0)}% of bare`,
    ...(target ? { target } : {}),
  });

  const posting = row(
    'Linli: POST /api/v1/needs (resident)',
    await autocannon({
      url: `${base}/api/v1/needs`,
      method: 'POST',
      headers: { ...json, cookie: residentCookie },
      body,
      connections: 20,
      duration,
    }),
  );
  const postShare = posting.reqPerSec / bareInsert.reqPerSec;
  rows.push(vs(posting, bareInsert, `≥ 50% of bare insert: ${postShare >= 0.5 ? 'met' : 'NOT met'}`));

  const building = row(
    "Linli: a building's needs (leader, 20)",
    await autocannon({
      url: `${base}/api/v1/places/${input.leader.buildingId}/needs`,
      headers: { cookie: leaderCookie },
      connections: 20,
      duration,
    }),
  );
  rows.push(vs(building, bareList, `p99 ≤ 50 ms: ${building.p99 <= 50 ? 'met' : 'NOT met'}`));

  const around = row(
    "Linli: a volunteer's needs around her (20)",
    await autocannon({
      url: `${base}/api/v1/me/needs/around`,
      headers: { cookie: volunteerCookie },
      connections: 20,
      duration,
    }),
  );
  rows.push(vs(around, bareList, `p99 ≤ 50 ms: ${around.p99 <= 50 ? 'met' : 'NOT met'}`));

  // Claiming: each connection claims and withdraws its own need (posted above, in the leader's building).
  const open = await fetch(`${base}/api/v1/places/${input.leader.buildingId}/needs?status=posted&limit=40`, {
    headers: { cookie: leaderCookie },
  });
  const ids = ((await open.json()) as { items: { id: string }[] }).items.map((n) => n.id);
  let next = 0;
  const claims = row(
    'Linli: claim + withdraw (building leader)',
    await autocannon({
      url: base,
      connections: Math.min(20, ids.length),
      duration,
      headers: { cookie: leaderCookie, ...json },
      requests: [
        {
          method: 'POST',
          body: '{}',
          setupRequest: (req, context) => {
            const c = context as { needId?: string };
            c.needId ??= ids[next++ % ids.length];
            return { ...req, path: `/api/v1/needs/${c.needId}/claim` };
          },
        },
        {
          method: 'POST',
          body: '{}',
          setupRequest: (req, context) => ({
            ...req,
            path: `/api/v1/needs/${(context as { needId?: string }).needId}/unclaim`,
          }),
        },
      ],
    }),
  );
  rows.push(vs(claims, bareInsert));
  return rows;
}
