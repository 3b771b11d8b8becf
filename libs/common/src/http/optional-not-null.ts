import { ValidateIf } from 'class-validator';

/**
 * The house rule for optional input: absent (`undefined`) skips the field's other checks, but
 * `null` is checked like any value, and so refused (400) by them. class-validator's @IsOptional
 * lets `null` through unchecked, where it means nothing and then reaches the service (a `null`
 * UUID, `new Date(null)` read as 1970). Use @IsOptional only where `null` has a meaning: a PATCH
 * field whose type includes `| null`, where `null` clears it.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_: object, value: unknown) => value !== undefined);
}
