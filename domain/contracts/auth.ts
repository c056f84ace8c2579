import { z } from 'zod';
import { LIMITS, PHONE_PATTERN, USERNAME_PATTERN } from '../limits.js';
import { ROLES } from '../roles.js';
import { Id } from './common.js';

export const Phone = z.string().trim().regex(PHONE_PATTERN, 'an 11-digit mobile number starting with 1');
export const Password = z.string().min(1).max(LIMITS.passwordMax);
export const DisplayName = z.string().trim().min(1).max(LIMITS.displayName);

export const LoginBody = z.object({
  login: z.string().trim().min(1).max(64).describe('phone number or username'),
  password: Password,
});

export const SignupBody = z.object({
  phone: Phone,
  password: Password,
  displayName: DisplayName,
});

export const SmsCodeRequestBody = z.object({ phone: Phone });
export const SmsLoginBody = z.object({
  phone: Phone,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'the 6-digit code'),
});
export const PhoneVerifyBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'the 6-digit code'),
});

export const PasswordChangeBody = z.object({
  currentPassword: Password,
  newPassword: Password,
});

export const RoleGrantView = z.object({
  role: z.enum(ROLES),
  placeId: Id.nullable(),
  placeName: z.string(),
  placeKind: z.string().nullable(),
});

export const Me = z.object({
  id: Id,
  displayName: z.string(),
  username: z.string().nullable(),
  phone: z.string().nullable(),
  phoneVerified: z.boolean(),
  roles: z.array(RoleGrantView),
});
export type MeView = z.infer<typeof Me>;

export const SmsRequested = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});

export { USERNAME_PATTERN };
