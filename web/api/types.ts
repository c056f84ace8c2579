/** API shapes, inferred from the same zod contracts the server validates and documents with. */
import type { z } from 'zod';
import type { AuditEntry } from '../../domain/contracts/audit.js';
import type { Me, RoleGrantView, SmsRequested } from '../../domain/contracts/auth.js';
import type { Binding } from '../../domain/contracts/bindings.js';
import type { DirectoryEntry, Place, PlaceCrumb, PlaceDetail } from '../../domain/contracts/places.js';

export type { BindingStatus } from '../../domain/bindings.js';
export type { PlaceKind } from '../../domain/places.js';
export type { Role } from '../../domain/roles.js';

export type MeView = z.infer<typeof Me>;
export type RoleGrant = z.infer<typeof RoleGrantView>;
export type SmsRequestedView = z.infer<typeof SmsRequested>;
export type BindingView = z.infer<typeof Binding>;
export type PlaceView = z.infer<typeof Place>;
export type PlaceDetailView = z.infer<typeof PlaceDetail>;
export type PlaceCrumbView = z.infer<typeof PlaceCrumb>;
export type DirectoryEntryView = z.infer<typeof DirectoryEntry>;
export type AuditEntryView = z.infer<typeof AuditEntry>;

/** Every list has this shape; nextCursor is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
