import type { DemoContext } from './demo.js';

/** The demo's living rooms, plenary meetings and district settings that standards S4 and S7 read. */
export async function seedDemoStandards(_ctx: DemoContext): Promise<void> {}
