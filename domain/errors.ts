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
  WEAK_PASSWORD: {
    status: 422,
    message: 'Choose a password of at least 8 characters with letters and digits.',
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
