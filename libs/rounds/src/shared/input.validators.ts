import { ValidationOptions, registerDecorator } from 'class-validator';

/**
 * Characters text may not hold: C0 controls other than tab, line feed and carriage return,
 * and the non-characters U+FFFE/U+FFFF. PostgreSQL refuses NUL in text and jsonb (a 500 if it
 * got that far), and none of them may appear in XML (the Atom feed would not parse).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** A string without control characters (see FORBIDDEN). Non-strings are left to @IsString. */
export function IsPlainText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must not contain control characters', ...options },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !FORBIDDEN.test(value),
      },
    });
}

/** A string with something besides white space (names, titles, labels are stored trimmed). */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must not be blank', ...options },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.trim().length > 0,
      },
    });
}

/** The house rule lives in @catalyst/common (used by every library's DTOs). */
export { IsOptionalNotNull } from '@catalyst/common';
