import type { DemoContext } from './demo.js';

/** The demo's the four-level organisation, people, instructors, red butlers, owners' committees, living rooms and plenary meetings, with standards broken on purpose. */
export async function seedDemoOrganisation(_ctx: DemoContext): Promise<void> {}
