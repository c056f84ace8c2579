import type { DemoContext } from './demo.js';

/** The demo's central households that have lit up, with consent. */
export async function seedDemoLighting(_ctx: DemoContext): Promise<void> {}
