import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/**
 * Open311 GeoReport v2 (C1): the keys staff issue to partner apps (Linli's own API, JSON), and the
 * GeoReport shapes served at /open311/v2/ (snake_case, as the specification names them).
 */

// API keys -----------------------------------------------------------------------------------------

export const Open311Key = z.object({
  id: Id,
  /** Who the key is for, e.g. "街道随手拍 app". */
  name: z.string(),
  /** The jurisdiction the key posts into. */
  districtId: Id,
  /** Where it was issued; null for a key made with the CLI. */
  placeId: Id.nullable(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type Open311Key = z.infer<typeof Open311Key>;

/** Returned once, when the key is issued: only its sha256 is kept. */
export const Open311KeyIssued = Open311Key.extend({ key: z.string() });

export const Open311KeyCreateBody = z.object({ name: z.string().trim().min(1).max(80) });

export const Open311KeyList = z.object({ items: z.array(Open311Key) });

// GeoReport v2 -------------------------------------------------------------------------------------

/** An empty parameter means the same as an absent one (GeoReport v2 "Optional Arguments"). */
const Optional = (max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(max).optional());

export const GeoJurisdictionQuery = z.object({
  jurisdiction_id: Optional(64),
  /** Not in GeoReport v2: the language of names and notes (zh-CN by default; also Accept-Language). */
  locale: Optional(20),
});

export const GeoRequestsQuery = GeoJurisdictionQuery.extend({
  service_request_id: Optional(4000),
  service_code: Optional(1000),
  start_date: Optional(40),
  end_date: Optional(40),
  status: Optional(20),
  /** The page/page_size extension (GeoReport v2 Extensions). */
  page: Optional(10),
  page_size: Optional(10),
});

export const GeoUpdatesQuery = GeoJurisdictionQuery.extend({
  start_date: Optional(40),
  end_date: Optional(40),
  api_key: Optional(200),
});

/** POST requests: form-encoded (the specification) or JSON; every field optional here, checked by the service. */
export const GeoPostBody = z
  .object({
    api_key: z.string().max(200).optional(),
    jurisdiction_id: z.string().max(64).optional(),
    service_code: z.string().max(64).optional(),
    lat: z.union([z.string().max(40), z.number()]).optional(),
    long: z.union([z.string().max(40), z.number()]).optional(),
    address_string: z.string().max(500).optional(),
    address_id: z.string().max(64).optional(),
    email: z.string().max(320).optional(),
    device_id: z.string().max(200).optional(),
    account_id: z.string().max(200).optional(),
    first_name: z.string().max(100).optional(),
    last_name: z.string().max(100).optional(),
    phone: z.string().max(40).optional(),
    description: z.string().max(8000).optional(),
    media_url: z.string().max(2000).optional(),
    /** attribute[CODE]=value, attribute[CODE][]=value for several. */
    attribute: z
      .record(
        z.string().max(64),
        z.union([
          z.string().max(1000),
          z.number(),
          z.array(z.union([z.string().max(1000), z.number()])).max(50),
        ]),
      )
      .optional(),
    locale: z.string().max(20).optional(),
  })
  .loose();
export type GeoPostBody = z.infer<typeof GeoPostBody>;

export const GeoEndpoint = z.object({
  specification: z.string(),
  url: z.string(),
  changeset: z.string(),
  type: z.enum(['production', 'test']),
  formats: z.array(z.string()),
});

export const GeoDiscovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(GeoEndpoint),
});

export const GeoService = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});

export const GeoAttribute = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  datatype_description: z.string().nullable(),
  order: z.number().int(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});

export const GeoServiceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(GeoAttribute),
});

export const GeoPostResult = z.object({
  service_request_id: z.string(),
  service_notice: z.string(),
  account_id: z.string().nullable(),
});

export const GeoToken = z.object({ service_request_id: z.string(), token: z.string() });

/** A request record. Never the resident's or the submitter's name, phone, e-mail or flat. */
export const GeoRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  /** Compound and building at most: never the flat. */
  address: z.string(),
  address_id: z.string(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export type GeoRequest = z.infer<typeof GeoRequest>;

/** FixMyStreet's servicerequestupdates item. */
export const GeoRequestUpdate = z.object({
  update_id: z.string(),
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  updated_datetime: z.string(),
  description: z.string(),
  media_url: z.string().nullable(),
});
export type GeoRequestUpdate = z.infer<typeof GeoRequestUpdate>;

export const GeoError = z.object({ code: z.number().int(), description: z.string() });
