import { describe, expect, it } from 'vitest';
import {
  buildingProblems,
  instructorLimitMessage,
  instructorLinkAllowed,
  isSingleHolder,
  mergeProblem,
  PARENT_KIND,
  standsOn,
  vacanciesOf,
} from './organisation-rules.js';

const b = (id: string, parentId = 'c1', kind: 'building' | 'household' = 'building') => ({
  id,
  kind,
  parentId,
  name: `${id}幢`,
});

describe('organisation rules', () => {
  it('puts each kind on its kind of place and under its parent kind', () => {
    expect(standsOn('big_committee', 'community')).toBe(true);
    expect(standsOn('compound_branch', 'compound')).toBe(true);
    expect(standsOn('building_group', 'building')).toBe(true);
    expect(standsOn('joint_group', 'compound')).toBe(true);
    expect(standsOn('joint_group', 'building')).toBe(false);
    expect(standsOn('compound_branch', 'community')).toBe(false);
    expect(PARENT_KIND.joint_group).toBe('compound_branch');
    expect(PARENT_KIND.compound_branch).toBe('big_committee');
    expect(PARENT_KIND.big_committee).toBeNull();
  });

  it('accepts a joint group of two buildings of its compound', () => {
    expect(buildingProblems('joint_group', 'c1', [b('1'), b('2')], new Set())).toEqual([]);
  });

  it('refuses a joint group of one building, a building of another compound, a household, a repeat', () => {
    const kinds = (bs: ReturnType<typeof b>[]) => buildingProblems('joint_group', 'c1', bs, new Set());
    expect(kinds([b('1')]).map((p) => p.message)).toEqual(['A joint group covers at least two buildings.']);
    expect(kinds([b('1'), b('2', 'c2')])).toEqual([
      { kind: 'invalid', message: '2幢 is not a building of this compound.' },
    ]);
    expect(kinds([b('1'), b('2', 'c1', 'household')])[0]!.kind).toBe('invalid');
    expect(kinds([b('1'), b('1')]).map((p) => p.message)).toContain('A building is named twice.');
  });

  it('refuses a building already covered by another live group', () => {
    const problems = buildingProblems('joint_group', 'c1', [b('1'), b('2')], new Set(['2']));
    expect(problems).toEqual([
      {
        kind: 'grouped',
        message: '2幢 is already covered by another group: change or dissolve that one first.',
      },
    ]);
    expect(buildingProblems('building_group', 'c1', [b('1'), b('2')], new Set())[0]!.message).toBe(
      'A building group covers one building.',
    );
  });

  it('merges only live groups of the same branch', () => {
    const g = (id: string, over: Partial<Parameters<typeof mergeProblem>[0]> = {}) => ({
      id,
      kind: 'building_group' as const,
      parentId: 'br',
      dissolved: false,
      ...over,
    });
    expect(mergeProblem(g('a'), g('b', { kind: 'joint_group' }))).toBeNull();
    expect(mergeProblem(g('a'), g('a'))).toMatch(/itself/);
    expect(mergeProblem(g('a'), g('b', { parentId: 'other' }))).toMatch(/same compound branch/);
    expect(mergeProblem(g('a', { dissolved: true }), g('b'))).toMatch(/active/);
    expect(mergeProblem(g('a', { kind: 'compound_branch' }), g('b'))).toMatch(
      /Only building and joint groups/,
    );
  });

  it('counts vacancies of the required positions', () => {
    expect(vacanciesOf('building_group', ['group_leader'])).toEqual(['pioneer_post']);
    expect(vacanciesOf('joint_group', ['group_leader', 'pioneer_post', 'pioneer_post'])).toEqual([]);
    expect(vacanciesOf('big_committee', ['partner_seat', 'committee_member'])).toEqual(['secretary']);
  });

  it('lets a joint group have a pioneer post per building, one of everything single elsewhere', () => {
    expect(isSingleHolder('building_group', 'pioneer_post')).toBe(true);
    expect(isSingleHolder('joint_group', 'pioneer_post')).toBe(false);
    expect(isSingleHolder('compound_branch', 'secretary')).toBe(true);
    expect(isSingleHolder('big_committee', 'committee_member')).toBe(false);
  });

  it('S3 on change: a fourth compound is one too many at the default limit', () => {
    expect(instructorLinkAllowed(2, 3)).toBe(true);
    expect(instructorLinkAllowed(3, 3)).toBe(false);
    expect(instructorLinkAllowed(4, 3)).toBe(false);
    expect(instructorLimitMessage('黄志强', 3, 3)).toBe(
      '黄志强 is already linked to 3 compounds (the limit is 3): unlink one first.',
    );
  });
});
