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
