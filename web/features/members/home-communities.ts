import { useMe } from '../auth/auth.queries.js';
import { usePlaceDetails } from '../places/places.queries.js';

export interface CommunityRef {
  id: string;
  name: string;
}

/**
 * The communities she lives in, from her households (resident or party-member grants) and any
 * community she already holds a member grant on: where she may report in.
 */
export function useHomeCommunities(): { communities: CommunityRef[]; pending: boolean } {
  const me = useMe().data;
  const grants = (me?.roles ?? []).filter(
    (r) => (r.role === 'resident' || r.role === 'party_member') && r.placeId !== null,
  );
  const details = usePlaceDetails([...new Set(grants.map((g) => g.placeId!))]);
  const found = new Map<string, string>();
  for (const d of details) {
    const place = d.data;
    if (!place) continue;
    if (place.kind === 'community') found.set(place.id, place.name);
    const c = place.ancestors.find((a) => a.kind === 'community');
    if (c) found.set(c.id, c.name);
  }
  return {
    communities: [...found].map(([id, name]) => ({ id, name })),
    pending: details.some((d) => d.isPending),
  };
}
