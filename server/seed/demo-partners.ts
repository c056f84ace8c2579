import type { DemoContext } from './demo.js';

/** The demo's partner units, their pairings, offers and contributions. */
export async function seedDemoPartners(_ctx: DemoContext): Promise<void> {}
