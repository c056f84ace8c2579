import type { Kysely } from 'kysely';
import { decideAccess } from '../../../domain/access.js';
import type { PlaceStats } from '../../../domain/contracts/members.js';
import { AppError } from '../../../domain/errors.js';
import type { PlaceKind } from '../../../domain/places.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../lib/http.js';
import { countLitUnder } from '../lighting/lighting.repository.js';
import { findPlace } from '../places/places.repository.js';
import * as repo from './stats.repository.js';

type Q = Kysely<Database>;

/** Places whose counts someone living or serving inside them may read (not a street or district). */
const COMMUNITY_AND_BELOW: readonly PlaceKind[] = ['community', 'compound', 'building', 'unit', 'household'];

/**
 * The headline counts of a place's whole subtree. Readable by anyone whose grants reach the place
 * (staff, admins above), and by anyone with a role inside it at community level or below (a
 * resident reads her community's, compound's and building's counts); otherwise 404.
 */
export async function statsOf(db: Q, actor: Actor, placeId: string): Promise<PlaceStats> {
  const place = await findPlace(db, placeId);
  if (!place) throw new AppError('NOT_FOUND');
  const reaches = decideAccess(actor.caller.grants, 'places.read', place.path) === 'allow';
  const inside =
    COMMUNITY_AND_BELOW.includes(place.kind as PlaceKind) &&
    actor.caller.grants.some((g) => g.placePath !== null && g.placePath.startsWith(place.path));
  if (!reaches && !inside) throw new AppError('NOT_FOUND');
  const p = place.path;
  const [lit, matters, needs, members, posts, answered, median] = await Promise.all([
    countLitUnder(db, p),
    repo.smallMattersSolved(db, p),
    repo.needsSolved(db, p),
    repo.membersReportedIn(db, p),
    repo.postsFilled(db, p),
    repo.whistlesAnswered(db, p),
    repo.medianMinutesToArrive(db, p),
  ]);
  return {
    placeId: place.id,
    litHouseholds: lit,
    smallMattersSolved: matters,
    needsSolved: needs,
    membersReportedIn: members,
    postsFilled: posts,
    whistlesAnswered: answered,
    medianMinutesToArrive: median,
    at: actor.now,
  };
}
