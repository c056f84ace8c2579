import { newId } from '../lib/ids.js';
import type { DemoContext } from './demo.js';

const DAY_MS = 86_400_000;
const ALL_FUNCTIONS = 'meet,gather,benefit,read,showcase';

/**
 * The demo's living rooms (S4) and big-committee plenaries (S7), with the breaks of the brief:
 * 新景社区's room is too small and has no reading room, 学成小区's has no logo; 东山社区 last met in
 * plenary 150 days ago. Runs after the organisation part; without big committees it records no meetings.
 */
export async function seedDemoStandards(ctx: DemoContext): Promise<void> {
  const { trx, at } = ctx;
  const ago = (days: number) => new Date(Date.parse(at) - days * DAY_MS).toISOString();

  const rooms: {
    place: string;
    name: string;
    area: number;
    logo: boolean;
    functions: string;
    hours: string;
  }[] = [
    {
      place: 'yijing',
      name: '颐景名苑党建会客厅',
      area: 120,
      logo: true,
      functions: ALL_FUNCTIONS,
      hours: '周一至周日 8:30–20:30',
    },
    // The heart-to-heart evenings of Yunjian happen here (SPEC.md §1 story 3).
    {
      place: 'yunjian',
      name: '云间党建会客厅',
      area: 150,
      logo: true,
      functions: ALL_FUNCTIONS,
      hours: '每日 9:00–21:00',
    },
    {
      place: 'xinjing',
      name: '新景社区邻里会客厅',
      area: 80,
      logo: true,
      functions: 'meet,gather,benefit,showcase',
      hours: '工作日 9:00–17:00',
    },
    {
      place: 'xuecheng',
      name: '学成小区党建会客厅',
      area: 110,
      logo: false,
      functions: ALL_FUNCTIONS,
      hours: '周二至周日 9:00–18:00',
    },
  ];
  for (const r of rooms) {
    const place = ctx.place(r.place);
    await trx
      .insertInto('living_rooms')
      .values({
        id: newId(),
        community_id: place.kind === 'community' ? place.id : place.community_id!,
        place_id: place.id,
        name: r.name,
        area_m2: r.area,
        has_logo: r.logo ? 1 : 0,
        functions: r.functions,
        hours: r.hours,
        created_at: at,
        updated_at: at,
        archived_at: null,
      })
      .execute();
  }

  // Plenaries of each big committee, newest last: 新景 and 学院 within the quarter, 东山 overdue.
  const plenaries: Record<string, { days: number; title: string }[]> = {
    xinjing: [
      { days: 110, title: '第三季度大党委全体会议' },
      { days: 20, title: '第四季度大党委全体会议：老旧家电上门维修项目' },
    ],
    dongshan: [
      { days: 240, title: '大党委全体会议：海门商务中心环境提升' },
      { days: 150, title: '大党委全体会议：商务中心结对共建推进' },
    ],
    xueyuan: [
      { days: 120, title: '第三季度大党委全体会议' },
      { days: 30, title: '第四季度大党委全体会议：学成小区绿化带整治' },
    ],
  };
  for (const [key, meetings] of Object.entries(plenaries)) {
    const community = ctx.place(key);
    const committee = await trx
      .selectFrom('organisations')
      .select(['id', 'place_id'])
      .where('community_id', '=', community.id)
      .where('kind', '=', 'big_committee')
      .where('dissolved_at', 'is', null)
      .executeTakeFirst();
    if (!committee) continue;
    for (const m of meetings) {
      await trx
        .insertInto('meetings')
        .values({
          id: newId(),
          community_id: community.id,
          organisation_id: committee.id,
          place_id: committee.place_id,
          kind: 'plenary',
          title: m.title,
          held_at: ago(m.days),
          created_at: at,
        })
        .execute();
    }
  }
}
