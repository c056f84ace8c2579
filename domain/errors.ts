/** The one error catalogue: every client-visible error has a stable code, an HTTP status and a default message. */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'Some fields are missing or invalid.' },
  BAD_REQUEST: { status: 400, message: 'The request could not be understood.' },
  UNAUTHENTICATED: { status: 401, message: 'Please log in first.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The login or password is not correct.' },
  INVALID_CODE: { status: 401, message: 'The code is not correct or has expired. Ask for a new one.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session has ended. Please log in again.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this here.' },
  NOT_FOUND: { status: 404, message: 'Nothing was found here.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed here.' },
  CONFLICT: { status: 409, message: 'This conflicts with the current state. Reload and try again.' },
  PHONE_TAKEN: { status: 409, message: 'An account with this phone number already exists. Log in instead.' },
  USERNAME_TAKEN: { status: 409, message: 'This username is already taken.' },
  PLACE_KIND_NOT_ALLOWED: { status: 422, message: 'A place of this kind cannot stand there.' },
  PLACE_ARCHIVED: { status: 409, message: 'This place is archived. Restore it first.' },
  PLACE_MOVE_INTO_ITSELF: { status: 422, message: 'A place cannot be moved under itself.' },
  ROLE_SCOPE_INVALID: { status: 422, message: 'This role cannot be granted on a place of this kind.' },
  ROLE_NOT_GRANTABLE: { status: 403, message: 'You may not grant this role.' },
  BINDING_PENDING: { status: 409, message: 'You already have a request waiting for this household.' },
  BINDING_ALREADY_BOUND: { status: 409, message: 'You are already bound to this household.' },
  BINDING_NOT_PENDING: { status: 409, message: 'This request has already been decided.' },
  PHONE_NOT_VERIFIED: { status: 422, message: 'This phone number has not been verified yet.' },
  LIGHT_UP_CONSENT_REQUIRED: {
    status: 422,
    message: 'Lighting up needs the member’s separate consent to show party membership publicly.',
  },
  LIGHT_UP_CONSENT_OUTDATED: {
    status: 422,
    message: 'The consent text has changed. Read it again and agree to the current version.',
  },
  HOUSEHOLD_ALREADY_LIT: { status: 409, message: 'This household has already lit up.' },
  HOUSEHOLD_NOT_LIT: { status: 409, message: 'This household has not lit up.' },
  DOOR_SIGN_UNAVAILABLE: { status: 503, message: 'The door sign cannot be drawn right now.' },
  PAIRING_EXISTS: { status: 409, message: 'This partner unit is already paired with this place.' },
  PAIRING_ENDED: { status: 409, message: 'This pairing has already ended.' },
  PAIRING_DATES_INVALID: { status: 422, message: 'A pairing cannot end before it starts.' },
  PARTNER_PLACE_NOT_PAIRED: {
    status: 422,
    message: 'The partner unit is not paired with this place or a place above it.',
  },
  ORGANISATION_INVALID: { status: 422, message: 'This organisation does not fit here.' },
  ORGANISATION_EXISTS: { status: 409, message: 'This place already has an organisation of this kind.' },
  ORGANISATION_DISSOLVED: { status: 409, message: 'This organisation has been dissolved or merged.' },
  BUILDING_ALREADY_GROUPED: { status: 409, message: 'A building belongs to at most one party group.' },
  INSTRUCTOR_LIMIT: { status: 422, message: 'This instructor is linked to as many compounds as allowed.' },
  WEAK_PASSWORD: {
    status: 422,
    message: 'Choose a password of at least 8 characters with letters and digits.',
  },
  ROSTER_FILE_TYPE: { status: 415, message: 'Upload the roster as an .xlsx or .csv file.' },
  ROSTER_UNREADABLE: {
    status: 422,
    message: 'The file could not be read as a roster. Save it again as .xlsx or as .csv.',
  },
  ROSTER_INVALID: {
    status: 422,
    message: 'The roster has problems, so nothing was imported. Fix the rows listed and upload it again.',
  },
  ROSTER_SCOPE: {
    status: 422,
    message: 'Rosters are imported into a community and exported from a community or a place inside one.',
  },
  NEED_WRONG_STATE: {
    status: 409,
    message: 'This need has moved on since you loaded it. Reload to see where it stands.',
  },
  NEED_FULL: { status: 409, message: 'Every helper place on this need has been taken.' },
  NEED_ALREADY_CLAIMED: { status: 409, message: 'You have already claimed this need.' },
  NEED_PLACE_INVALID: {
    status: 422,
    message: 'A need is posted for your own household or for a spot in your compound.',
  },
  NEED_CATEGORY_UNKNOWN: { status: 422, message: 'Choose one of the categories offered.' },
  NEED_PHOTO_INVALID: { status: 415, message: 'Photos must be JPEG, PNG or WebP images.' },
  NEED_PHOTO_TOO_LARGE: { status: 413, message: 'A photo may be at most 5 MB.' },
  NEED_PHOTO_UNKNOWN: { status: 422, message: 'A photo was not found. Upload it again.' },
  NEED_HELPER_INVALID: { status: 422, message: 'This person cannot be assigned to this need.' },
  NEED_HELPERS_TOO_FEW: {
    status: 422,
    message: 'A need cannot ask for fewer helpers than have already claimed it.',
  },
  MEMBER_REPORT_EXISTS: { status: 409, message: 'You have already reported in to this community.' },
  MEMBER_REPORT_WRONG_STATE: {
    status: 409,
    message: 'This report has moved on since you loaded it. Reload to see where it stands.',
  },
  MEMBER_NOT_IN_COMMUNITY: {
    status: 403,
    message: 'Only party members of this community, or members who reported in to it, can do this.',
  },
  POST_FULL: { status: 409, message: 'Every place on this post has been taken.' },
  POST_ALREADY_CLAIMED: { status: 409, message: 'You have already claimed this post.' },
  POST_ARCHIVED: { status: 409, message: 'This post is no longer offered.' },
  POST_CLAIM_WRONG_STATE: {
    status: 409,
    message: 'This claim has moved on since you loaded it. Reload to see where it stands.',
  },
  POST_CAPACITY_BELOW_HOLDERS: {
    status: 422,
    message: 'The capacity cannot be lower than the members holding the post now.',
  },
  WHISTLE_CLOSED: { status: 409, message: 'This whistle has been closed.' },
  WHISTLE_WRONG_STATE: {
    status: 409,
    message: 'This step does not fit where your answer stands. Reload and try again.',
  },
  WHISTLE_AUDIENCE_INVALID: {
    status: 422,
    message: 'Choose audiences of this community: paired partner units and its compounds.',
  },
  WHISTLE_AUDIENCE_EMPTY: { status: 422, message: 'Nobody with an account is in the audiences chosen.' },
  WHISTLE_TIMES_INVALID: { status: 422, message: 'The arrive-by time must come after now.' },
  SMALL_MATTER_WRONG_STATE: {
    status: 409,
    message: 'This small matter has moved on since you loaded it. Reload to see where it stands.',
  },
  PLACE_OUTSIDE_COMMUNITY: { status: 422, message: 'Choose a place inside this community.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request as JSON.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts. Wait a moment and try again.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. Please try again later.' },
  UNAVAILABLE: { status: 503, message: 'The service is not ready. Please try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorDetail {
  path?: string;
  message: string;
}

/** A failure a client can act on. Thrown by services; the error handler turns it into the JSON error shape. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    opts: { details?: ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = opts.details;
    this.headers = opts.headers;
  }
}
